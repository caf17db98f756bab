/**
 * The `tine` command's start-up, as whole processes: `tine --version` and `tine show` of an
 * example run against `node -e 0` started in the same rounds (the floor no CLI can beat). The
 * compiled CLI (out/cli) is the one bench.ts builds before any section; the tsx path of a fresh
 * checkout is timed too, for comparison.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import { measureInterleaved, medianRatio } from './timing'
import type { BenchResult, BenchSection } from './types'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const BIN = path.join(ROOT, 'src-main/cli/bin.mjs')
const EXAMPLE = path.join(ROOT, 'resources/examples/research-agent.tine')

function spawnOk(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} failed (exit ${result.status}): ${String(result.stderr).slice(0, 400)}`)
}

export const cliSection: BenchSection = {
  name: 'cli',
  description: 'tine --version and tine show as whole processes, against node -e 0',
  run(context): BenchResult {
    const fromSources = { ...process.env, TINE_CLI_SOURCE: '1' }
    const timings = measureInterleaved(
      { repeats: Math.max(context.repeats, 10), warmup: Math.max(context.warmup, 1) },
      {
        node: () => spawnOk(['-e', '0']),
        version: () => spawnOk([BIN, '--version']),
        show: () => spawnOk([BIN, 'show', EXAMPLE]),
        sourceShow: () => spawnOk([BIN, 'show', EXAMPLE], fromSources)
      }
    )
    const nodeMs = timings.node.medianMs
    const row = (label: string, key: 'version' | 'show' | 'sourceShow') => ({
      case: label,
      ms: timings[key].medianMs,
      nodeMs,
      overMs: timings[key].medianMs - nodeMs,
      ratio: medianRatio(timings[key], timings.node)
    })
    const goal = (id: string, key: 'version' | 'show') =>
      checkGoal(id, { ms: timings[key].medianMs, baselineMs: nodeMs, ratio: medianRatio(timings[key], timings.node) })
    return {
      title: 'CLI start-up (whole processes, against node -e 0 in the same rounds)',
      columns: [
        { key: 'case', label: 'command' },
        { key: 'ms', label: 'wall ms', digits: 0 },
        { key: 'nodeMs', label: 'node -e 0 ms', digits: 0 },
        { key: 'overMs', label: 'over node ms', digits: 0 },
        { key: 'ratio', label: 'x node -e 0', digits: 2 }
      ],
      rows: [
        row('tine --version (compiled)', 'version'),
        row('tine show example (compiled)', 'show'),
        row('tine show example (sources through tsx, no build)', 'sourceShow')
      ],
      goals: [goal('cli-version', 'version'), goal('cli-show', 'show')],
      notes: [
        `median of ${Math.max(context.repeats, 10)} rounds; each round starts every command once, in a rotating order; "x node -e 0" is the median of the per-round ratios`,
        'the targets (100 ms and 150 ms) are for a quiet machine, where node -e 0 takes about 40 ms; under load the verdict falls back to the ratio (100/40 and 150/40)',
        machineLoadNote()
      ]
    }
  }
}
