/** A fork of a real run that retries one step and continues differently, for the diff tests of every layer. */
import { forkRun } from '../../fork'
import type { Run } from '../../run'
import { obj } from '../../../tine/json-value'

/**
 * `origin` (the example research-agent run) forked to retry its 8th step, continued with a different
 * model answer and tools. `point` is the fork point, `retried` the step the fork replaces.
 */
export function retriedFork(origin: Run): { fork: Run; point: string; retried: string } {
  const retried = origin.order[7]
  const { run: fork, forkPoint } = forkRun(origin, { at: retried, mode: 'before', nonce: '', now: 1 })
  fork.addStep({
    kind: 'model',
    inputs: obj({ text: 'Estimate energy per million queries, measuring CPU first.' }),
    usage: obj({ input: 1200n, output: 80n }),
    cost: 0.004,
    duration: 2.5,
    timestamp: 10
  })
  fork.addStep({
    kind: 'tool',
    inputs: obj({ name: 'run_shell', arguments: obj({ command: 'python3 scripts/profile_cpu.py' }) }),
    outputs: obj({ result: 'ok' }),
    toolInfo: obj({ name: 'run_shell' }),
    timestamp: 11
  })
  fork.addStep({ kind: 'error', inputs: obj({ text: 'gave up' }), error: obj({ message: 'budget' }), timestamp: 12 })
  return { fork, point: forkPoint, retried }
}
