/** `tine fork` and `tine replay` through the real bin, checked with the Python oracle. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { expectCleanError, FIXTURE, oracle, removeWorkspace, tine, workspace } from '../testing/cli-harness'

let dir: string

const runsDir = () => path.join(dir, '.tine_runs')
const tineFiles = () => readdirSync(runsDir()).filter((name) => name.endsWith('.tine'))
const savedPath = (stdout: string) => /^Saved to (.+)$/m.exec(stdout)![1]

/** [0,1,2,5] -> "0-2, 5", written independently of the CLI's own helper. */
function ranges(indices: number[]): string {
  const groups: number[][] = []
  for (const index of [...indices].sort((a, b) => a - b)) {
    const last = groups[groups.length - 1]
    if (last && index === last[last.length - 1] + 1) last.push(index)
    else groups.push([index])
  }
  return groups
    .map((group) => (group.length === 1 ? `${group[0]}` : `${group[0]}-${group[group.length - 1]}`))
    .join(', ')
}

beforeAll(() => {
  dir = workspace([FIXTURE.goldenV2, FIXTURE.demoRunning, FIXTURE.demoComplete])
})

afterAll(() => removeWorkspace(dir))

describe('tine fork', () => {
  it('forks before an index: prints the four lines, keeps the source byte-identical, and the oracle accepts the result', async () => {
    const sourceFile = path.join(runsDir(), 'demo-running.tine')
    const before = readFileSync(sourceFile)
    const source = JSON.parse(before.toString('utf8'))
    const result = await tine(dir, ['fork', 'demo-running', '--from-step', '3'])
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('Forking demo-running from step 3...')
    const newId = /^Created new run: ([0-9a-f]{12})$/.exec(lines[1])![1]
    const saved = savedPath(result.stdout)
    expect(lines[3]).toBe(`Saved to ${saved}`)
    expect(saved).toBe(path.join('.tine_runs', path.basename(saved)))
    expect(path.basename(saved).startsWith(newId)).toBe(true)

    const forked = JSON.parse(readFileSync(path.join(dir, saved), 'utf8'))
    // Forking before step 3 retries it: its primary parent and that parent's ancestry are kept.
    const order: string[] = source.graph.order
    const step3 = source.graph.steps[order[3]]
    const point = step3.parent_ids[step3.parent_ids.length - 1]
    expect(forked.metadata.fork_point).toBe(point)
    expect(forked.graph.order).not.toContain(order[3])
    const kept: number[] = forked.graph.order.map((id: string) => order.indexOf(id))
    expect(lines[2]).toBe(`Ancestors: ${kept.length === 1 ? 'step' : 'steps'} ${ranges(kept)} preserved`)
    expect(lines[4]).toBe('')
    expect(lines[5]).toMatch(new RegExp(`^# ${newId} `))

    expect(forked.metadata.forked_from).toBe('demo-running')
    expect(readFileSync(sourceFile).equals(before)).toBe(true)
    const verdict = await oracle(path.join(dir, saved))
    expect(verdict.code, verdict.stdout).toBe(0)
    expect(verdict.stdout).toMatch(/fork=act-id OK/)
  })

  it('forks after an id prefix, twice giving two files; --reason goes into the fork identity', async () => {
    const [first, second, reasoned] = await Promise.all([
      tine(dir, ['fork', 'golden_v2', '--from-step', '3b9a', '--json']),
      tine(dir, ['fork', 'golden_v2', '--from-step', '3b9a', '--json']),
      tine(dir, [
        'fork',
        'golden_v2',
        '--from-step',
        '3b9a',
        '--reason',
        'try a new plan',
        '--branch',
        'experiment',
        '--json'
      ])
    ])
    for (const result of [first, second, reasoned]) expect(result.code, result.stderr).toBe(0)
    const a = JSON.parse(first.stdout)
    const b = JSON.parse(second.stdout)
    expect(Object.keys(a)).toEqual([
      'command',
      'fork_point',
      'mode',
      'path',
      'retained',
      'retained_indices',
      'run_id',
      'short_id',
      'source',
      'status'
    ])
    expect(a.mode).toBe('after')
    expect(a.fork_point.startsWith('3b9a')).toBe(true)
    expect(a.retained_indices).toEqual([0, 1])
    expect(a.run_id).not.toBe(b.run_id)
    expect(existsSync(path.join(dir, a.path))).toBe(true)
    expect(existsSync(path.join(dir, b.path))).toBe(true)
    const c = JSON.parse(reasoned.stdout)
    const doc = JSON.parse(readFileSync(path.join(dir, c.path), 'utf8'))
    expect(doc.metadata.fork_reason).toBe('try a new plan')
    expect(doc.refs.experiment).toBe(c.fork_point)
    const verdicts = await Promise.all([a.path, c.path].map((file: string) => oracle(path.join(dir, file))))
    for (const verdict of verdicts) expect(verdict.code, verdict.stdout).toBe(0)
  })

  it('refuses an existing --save target unless --force, and bad step choices', async () => {
    const count = tineFiles().length
    const [first, outOfRange, rootBefore, both] = await Promise.all([
      tine(dir, ['fork', 'demo-complete', '--from-step', '1', '--save', 'mine.tine']),
      tine(dir, ['fork', 'demo-complete', '--from-step', '99']),
      tine(dir, ['fork', 'demo-complete', '--from-step', '0']),
      tine(dir, ['fork', 'demo-complete', '--from-step', '1', '--before', '--after'])
    ])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^Saved to mine\.tine$/m)
    const written = readFileSync(path.join(dir, 'mine.tine'))
    const again = await tine(dir, ['fork', 'demo-complete', '--from-step', '1', '--save', 'mine.tine'])
    expect(again.code).toBe(1)
    expect(expectCleanError(again)).toEqual(['tine: mine.tine already exists (use --force to overwrite)'])
    expect(readFileSync(path.join(dir, 'mine.tine')).equals(written)).toBe(true)
    const overwritten = await tine(dir, ['fork', 'demo-complete', '--from-step', '1', '--save', 'mine.tine', '--force'])
    expect(overwritten.code, overwritten.stderr).toBe(0)
    expect(readFileSync(path.join(dir, 'mine.tine')).equals(written)).toBe(false)

    expect(outOfRange.code).toBe(2)
    expect(outOfRange.stderr).toMatch(/--from-step 99 is out of range: .* has 4 steps \(indices 0-3\)/)
    expect(rootBefore.code).toBe(1)
    expect(expectCleanError(rootBefore)[0]).toMatch(/root step/)
    expect(both.code).toBe(2)
    expect(tineFiles().length).toBe(count)
  })
})

describe('tine replay --mode cache', () => {
  it('derives the spec §16 id for golden_v2, refuses to overwrite it, and --verify passes', async () => {
    const replay = await tine(dir, ['replay', 'golden_v2'])
    expect(replay.code, replay.stderr).toBe(0)
    expect(replay.stdout).toMatch(/^Replayed golden-v2 -> c29e17a52446 /)
    const saved = savedPath(replay.stdout)
    expect(path.basename(saved)).toMatch(/^c29e17a5[0-9a-f]{48}47bd40c5\.tine$/)
    const doc = JSON.parse(readFileSync(path.join(dir, saved), 'utf8'))
    const source = JSON.parse(readFileSync(path.join(FIXTURES_DIR, FIXTURE.goldenV2), 'utf8'))
    expect(doc.metadata.replay).toEqual({ mode: 'cache', reused_steps: 3, source_run: 'golden-v2' })
    expect(doc.status).toBe(source.status)

    const [again, verdict, verify, inspect] = await Promise.all([
      tine(dir, ['replay', 'golden_v2']),
      oracle(path.join(dir, saved)),
      tine(dir, ['replay', 'golden_v2', '--verify', '--json']),
      tine(dir, ['replay', 'demo-running', '--from-step', '2', '--inspect'])
    ])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
    expect(verdict.code, verdict.stdout).toBe(0)
    expect(verify.code, verify.stderr).toBe(0)
    const report = JSON.parse(verify.stdout)
    expect(Object.keys(report)).toEqual([
      'accounting_drift',
      'command',
      'drift',
      'expected_steps',
      'fork_point',
      'identity_ok',
      'ignore_cost_drift',
      'integrity',
      'mode',
      'ok',
      'path',
      'replay_id',
      'reused_steps',
      'run_id',
      'second_id',
      'short_id',
      'slice_ok',
      'structural_drift'
    ])
    expect(report).toMatchObject({
      command: 'replay-verify',
      ok: true,
      identity_ok: true,
      slice_ok: true,
      expected_steps: 3,
      reused_steps: 3,
      replay_id: doc.run_id,
      second_id: doc.run_id
    })
    expect(inspect.code).toBe(0)
    expect(inspect.stdout).toMatch(/would reuse \d+ recorded steps\n$/)
  })
})
