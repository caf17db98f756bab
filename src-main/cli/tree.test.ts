/** The step tree `tine show` prints: through the real bin for the shapes, in-process for the size rule. */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { obj } from '../../src-shared/tine/json-value'
import { BIN, tine } from '../testing/cli-harness'
import { REPO_ROOT } from '../../e2e/kit/paths'
import picocolors from 'picocolors'
import { LEGEND, renderTree } from './tree'

const NO_COLOURS = picocolors.createColors(false)

const EXAMPLES = path.join(REPO_ROOT, 'resources/examples')
const ESC = '\u001b['

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-tree-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function chain(steps: number): Run {
  const run = new Run({ id: `chain-${steps}`, createdAt: 1767225600, status: 'completed', modelInfo: 'm' })
  for (let i = 0; i < steps; i++)
    run.addStep({ kind: i % 2 ? 'model' : 'think', inputs: obj({ text: `step ${i}` }), timestamp: 1767225600 + i })
  return run
}

/** Every step has a leaf child and a chain child: a branch at every level, the worst case for indentation. */
function comb(depth: number): Run {
  const run = new Run({ id: `comb-${depth}`, createdAt: 1767225600, status: 'completed', modelInfo: 'm' })
  let spine = run.addStep({ kind: 'think', inputs: obj({ text: 'root' }), timestamp: 1 })
  for (let i = 0; i < depth; i++) {
    run.addStep({
      kind: 'tool',
      parentIds: [spine.id],
      inputs: obj({ text: `leaf ${i}` }),
      ref: `leaf-${i}`,
      timestamp: 2
    })
    spine = run.addStep({ kind: 'think', parentIds: [spine.id], inputs: obj({ text: `spine ${i}` }), timestamp: 3 })
  }
  return run
}

describe('tine show', () => {
  it('numbers each step, labels it, draws branches and names the parents a merge joins', async () => {
    const shown = await tine(dir, ['show', path.join(EXAMPLES, 'incident-merge.tine')])
    expect(shown.code, shown.stderr).toBe(0)
    const lines = shown.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^# 861ef086c296 model=claude-haiku-4-5 steps=6 cost=\$0\.0061 completed$/)
    expect(lines[1]).toBe(LEGEND)
    expect(lines[2]).toMatch(/^\* #0 e3d34acd2315 Fetching both sources in parallel\.$/)
    // Two parallel tool calls branch off the think step.
    expect(lines[3]).toMatch(/^├─> #1 978469270e6b fetch_url\(url="https:\/\/status\.example\.com/)
    expect(lines[4]).toMatch(/^└─> #2 1b5d8939b744 read_file\(path="oncall\/pager-2026-01-03\.log"\)$/)
    expect(lines[5]).toContain('#3 2c70bc66b486')
    expect(lines[5]).toContain('[merges #1 978469270e6b, #2 1b5d8939b744]')
    // The done step reads as the agent's answer, not as the instruction it was given.
    expect(lines[7]).toMatch(/^ {2}\+ #5 8a0e2e1cc524 Timeline written to out\/incident-2026-01-03\.md/)
    expect(shown.stdout).not.toContain(ESC)
  })

  it('names the fork point by number and id', async () => {
    const shown = await tine(dir, ['show', path.join(EXAMPLES, 'research-agent-retry.tine')])
    expect(shown.stdout).toContain('Forked from: 514c4b673141 at step #6 36e54dc54f56')
  })

  it('colours only a terminal, and never with NO_COLOR', async () => {
    const file = path.join(EXAMPLES, 'research-agent.tine')
    const forced = await tine(dir, ['show', file], { NO_COLOR: '', FORCE_COLOR: '1' })
    expect(forced.stdout).toContain(ESC)
    const both = await tine(dir, ['show', file], { NO_COLOR: '1', FORCE_COLOR: '1' })
    expect(both.stdout).not.toContain(ESC)
    const piped = await tine(dir, ['show', file], { NO_COLOR: '', FORCE_COLOR: '' })
    expect(piped.stdout).not.toContain(ESC)
    const json = await tine(dir, ['show', file, '--json'], { NO_COLOR: '', FORCE_COLOR: '1' })
    expect(json.stdout).not.toContain(ESC)
    // A real pseudo-terminal (util-linux `script`), with the environment's colour switches cleared.
    const terminal = await new Promise<string>((resolve) => {
      const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm-256color' }
      execFile(
        'script',
        ['-qec', `'${process.execPath}' '${BIN}' show '${file}'`, '/dev/null'],
        { env, cwd: dir },
        (_error, stdout) => resolve(stdout)
      )
    })
    expect(terminal).toContain(ESC)
    expect(terminal.replace(/\u001b\[\d+m/g, '')).toContain('#25 444a8657a3cd')
  })

  it('prints a 50,000-step chain flat: one short line per step', async () => {
    const file = path.join(dir, 'chain.tine')
    writeFileSync(file, serializeRun(chain(50_000)))
    const shown = await tine(dir, ['show', file])
    expect(shown.code, shown.stderr).toBe(0)
    const lines = shown.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(2 + 50_000)
    expect(lines[lines.length - 1]).toMatch(/^# #49999 [0-9a-f]{12} step 49999$/)
    // Without flattening, indentation alone would be 2.5 GB; flat, every line is under 40 bytes.
    expect(shown.stdout.length).toBeLessThan(50_000 * 40)
  }, 120_000)
})

describe('the tree size rule', () => {
  it('grows linearly even when every level branches', () => {
    const small = renderTree(comb(500), { colours: NO_COLOURS }).join('\n').length
    const large = renderTree(comb(5_000), { colours: NO_COLOURS }).join('\n').length
    expect(large / small).toBeLessThan(12)
    const lines = renderTree(comb(100), { colours: NO_COLOURS })
    // Past the nesting limit a branch names the step it leaves from instead of indenting further.
    expect(lines.some((line) => / \(branch from #\d+ [0-9a-f]{12}\)$/.test(line))).toBe(true)
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(120)
  })
})
