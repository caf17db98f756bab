/** `tine diff` names every difference by number, kind and label, with a summary first: through the real bin. */
import path from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tine } from '../../testing/cli-harness'
import { REPO_ROOT } from '../../../e2e/kit/paths'

const SOURCE = path.join(REPO_ROOT, 'resources/examples/research-agent.tine')
const RETRY = path.join(REPO_ROOT, 'resources/examples/research-agent-retry.tine')
const UNRELATED = path.join(REPO_ROOT, 'resources/examples/release-failed.tine')

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-diff-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tine diff', () => {
  it('starts with a one-line summary and shows #N, kind and label for each difference', async () => {
    const result = await tine(dir, ['diff', SOURCE, RETRY])
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(
      '3 added, 17 removed, 2 changed; cost $0.176 -> $0.069 (-$0.106); tokens 87,384 -> 32,458 (-54,926)'
    )
    expect(lines[1]).toMatch(/^--- 514c4b673141 /)
    expect(lines[2]).toMatch(/^\+\+\+ 4cc713f474fc /)
    expect(lines[3]).toBe('common ancestor: #6 36e54dc54f56')
    // A changed pair: the fields, then both sides by number, kind and label.
    expect(lines[4]).toBe('~ #8 tool: inputs(arguments), outputs(result)')
    expect(lines[5]).toMatch(/^ {4}- #8 f45b09d1fdd0 tool run_shell\(command="python3 scripts\/energy\.py/)
    expect(lines[6]).toMatch(/^ {4}\+ #8 242ef843a487 tool run_shell\(command="python3 scripts\/profile_cpu\.py/)
    // One-sided steps, never bare hashes.
    expect(lines).toContain('- #7 b39e32bedfb1 model calls run_shell')
    expect(lines.some((line) => /^\+ #11 f18fbf5c0155 done Recommendation: Milvus\./.test(line))).toBe(true)
    for (const line of lines.slice(4))
      expect(line).toMatch(/^(~ #\d+ \w+: | {4}[-+] #\d+ [0-9a-f]{12} \w+ |[-+] #\d+ [0-9a-f]{12} \w+ )/)
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(17)
    expect(lines.filter((line) => line.startsWith('+ '))).toHaveLength(3)
  })

  it('says when two runs share no step', async () => {
    const result = await tine(dir, ['diff', SOURCE, UNRELATED])
    expect(result.stdout.split('\n')[3]).toBe(
      'common ancestor: none (the runs share no step; steps are paired by position only)'
    )
  })

  it('--json carries the summary and every step with number, kind and label', async () => {
    const result = await tine(dir, ['diff', SOURCE, RETRY, '--json'])
    const diff = JSON.parse(result.stdout)
    expect(diff.summary).toEqual({
      added: 3,
      changed: 2,
      cost: { delta: expect.any(Number), left: expect.any(Number), right: expect.any(Number) },
      removed: 17,
      tokens: { delta: -54926, left: 87384, right: 32458 }
    })
    expect(diff.summary.cost.delta).toBeCloseTo(diff.summary.cost.right - diff.summary.cost.left, 12)
    expect(diff.steps).toHaveLength(22)
    expect(diff.steps[0]).toEqual({
      change: 'changed',
      fields: ['inputs(arguments)', 'outputs(result)'],
      kind: 'tool',
      left: {
        id: expect.stringMatching(/^f45b09d1fdd0/),
        kind: 'tool',
        label: expect.stringMatching(/^run_shell\(/),
        number: 8,
        short_id: 'f45b09d1fdd0'
      },
      right: {
        id: expect.stringMatching(/^242ef843a487/),
        kind: 'tool',
        label: expect.stringMatching(/^run_shell\(/),
        number: 8,
        short_id: '242ef843a487'
      }
    })
    const added = diff.steps.filter((step: { change: string }) => step.change === 'added')
    expect(added.map((step: { right: { number: number } }) => step.right.number)).toEqual([7, 9, 11])
    expect(added.every((step: { left: null }) => step.left === null)).toBe(true)
  })
})
