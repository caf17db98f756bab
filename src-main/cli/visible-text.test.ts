/**
 * Ids, names and labels a file brings are printed as what they are: a bidirectional override
 * (`invoice\u202Egnp.exe` displays as "invoiceexe.png") is shown escaped, by the rule the app uses.
 */
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import stringWidth from 'string-width'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE, pythonEdit, removeWorkspace, tine, workspace } from '../testing/cli-harness'

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/
let dir: string
let spoofed: string

beforeAll(async () => {
  dir = workspace([FIXTURE.goldenV2])
  spoofed = path.join(dir, '.tine_runs', 'invoice\u202Egnp.tine')
  copyFileSync(path.join(dir, '.tine_runs/golden_v2.tine'), spoofed)
  await pythonEdit(
    spoofed,
    [
      "d['run_id'] = 'run\\u2066-\\u202egnp'",
      "d['metadata']['tags'] = ['ok\\u2067']",
      "s = next(s for s in d['graph']['steps'].values() if s['kind'] == 'done')",
      "s['inputs']['text'] = 'done\\u202e.exe'"
    ].join('\n'),
    true
  )
})
afterAll(() => removeWorkspace(dir))

describe('bidi override characters in CLI output', () => {
  it('show, ls, diff and verify print them escaped, never raw', async () => {
    const results = {
      show: await tine(dir, ['show', spoofed]),
      ls: await tine(dir, ['ls']),
      diff: await tine(dir, ['diff', '.tine_runs/golden_v2.tine', spoofed]),
      verify: await tine(dir, ['verify', spoofed])
    }
    for (const [command, result] of Object.entries(results)) {
      expect(result.stderr, command).not.toMatch(INVISIBLE)
      expect(result.stdout, command).not.toMatch(INVISIBLE)
      expect(result.stdout, command).toContain('\\u{202E}')
    }
    expect(results.ls.stdout).toContain('run\\u{2066}-\\u{202E}gnp')
    expect(results.ls.stdout).toContain('ok\\u{2067}')
    expect(results.verify.stdout).toContain('invoice\\u{202E}gnp.tine')
    expect(results.show.stdout).toContain('done\\u{202E}.exe')
  })

  it('ls pads the escaped text, so every column starts where its header does', async () => {
    const lines = (await tine(dir, ['ls'])).stdout.trimEnd().split('\n')
    expect(lines.length).toBe(3)
    const columnStarts = (line: string) =>
      [...line.matchAll(/ {2,}(?=\S)/g)].map((gap) => stringWidth(line.slice(0, gap.index + gap[0].length)))
    const header = columnStarts(lines[0])
    expect(header).toHaveLength(6)
    for (const line of lines.slice(1)) expect(columnStarts(line), line).toEqual(header)
  })
})
