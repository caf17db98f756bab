/**
 * Tamper evidence is never erased by the CLI: every command that writes refuses a source whose
 * digest fails, leaves it byte-identical and writes nothing; --force writes anyway and the written
 * run records the override in metadata.warnings (checked with the Python oracle).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FIXTURE,
  GOLDEN_KEY,
  expectCleanError,
  oracle,
  pythonEdit,
  removeWorkspace,
  tine,
  workspace
} from '../testing/cli-harness'

let dir: string
let file: string
let original: Buffer

beforeAll(async () => {
  dir = workspace([FIXTURE.goldenV2])
  file = path.join(dir, '.tine_runs/golden_v2.tine')
  // One character of a step's text, digest left as it was.
  await pythonEdit(
    file,
    "s = next(s for s in d['graph']['steps'].values() if s['kind'] == 'tool')\ns['outputs']['result'] = 'ox'",
    false
  )
  original = readFileSync(file)
})
afterAll(() => removeWorkspace(dir))

function runFiles(): string[] {
  return readdirSync(path.join(dir, '.tine_runs')).sort()
}

describe('writes from a tampered file', () => {
  it('verify says FAILED', async () => {
    const result = await tine(dir, ['verify', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^FAILED .*digest mismatch/)
  })

  it('every writing command refuses it in one line and leaves every file as it was', async () => {
    const before = runFiles()
    const agentRan = path.join(dir, 'agent-ran')
    const agent = path.join(dir, 'agent.mjs')
    writeFileSync(agent, `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(agentRan)}, 'ran')\n`)
    const commands = [
      ['pause', file],
      ['resume', file],
      ['tag', file, '--add', 'x'],
      ['fork', file, '--from-step', '2'],
      ['fork', file, '--from-step', '2', '--after'],
      ['replay', file, '--mode', 'cache', '--save', path.join(dir, 'replayed.tine')],
      ['migrate', file, '--in-place'],
      ['sign', file, '--algorithm', 'hmac-sha256', '--key-env', 'TINE_TEST_KEY', '--overwrite'],
      // With an agent the user names, the source is still checked before anything runs.
      ['resume', file, '--agent', agent, '--prompt', 'go on'],
      ['replay', file, '--mode', 'rerun', '--agent', agent]
    ]
    for (const args of commands) {
      const result = await tine(dir, args, { TINE_TEST_KEY: GOLDEN_KEY })
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1)
      const lines = expectCleanError(result)
      expect(lines, args.join(' ')).toHaveLength(1)
      const throughAgent = args.includes('--agent')
      expect(lines[0]).toMatch(
        new RegExp(
          throughAgent
            ? `^tine: refusing to (resume|re-run) .*golden_v2\\.tine( through an agent)?: integrity check failed \\(digest mismatch\\); its steps would be`
            : `^tine: refusing to ${args[0]} .*golden_v2\\.tine: integrity check failed \\(digest mismatch\\); pass --force`
        )
      )
      expect(Buffer.compare(readFileSync(file), original), args.join(' ')).toBe(0)
    }
    expect(runFiles()).toEqual(before)
    expect(existsSync(path.join(dir, 'replayed.tine'))).toBe(false)
    expect(existsSync(agentRan)).toBe(false)
  }, 120_000)

  it('--force writes, and the written run records that its source failed the check', async () => {
    const fork = await tine(dir, ['fork', file, '--from-step', '2', '--force', '--json'])
    expect(fork.code, fork.stderr).toBe(0)
    expect(fork.stderr).toContain('failed its integrity check (digest mismatch); writing anyway because of --force')
    const forked = path.join(dir, JSON.parse(fork.stdout).path)
    // The digest is new and holds, but the edited step keeps its old id: the oracle and verify show it.
    expect((await oracle(forked)).stdout).toMatch(/digest=OK.*steps=1\/2 OK, 1 MISMATCH/)
    const document = JSON.parse(readFileSync(forked, 'utf8'))
    expect(document.metadata.warnings).toEqual([
      {
        kind: 'integrity-override',
        action: 'fork',
        reason: 'digest mismatch',
        source_run: document.metadata.forked_from
      }
    ])
    const verify = await tine(dir, ['verify', forked])
    expect(verify.stdout).toContain(
      'written from a file that failed its integrity check (fork with --force; source golden-v2: digest mismatch)'
    )
    expect(verify.stdout).toMatch(
      /step ids: 1 content-addressed, 1 MISMATCH\n {2}warning: step [0-9a-f]{12} id MISMATCH/
    )
    const json = JSON.parse((await tine(dir, ['verify', forked, '--json'])).stdout)
    expect(json.step_ids).toMatchObject({
      content_addressed: 1,
      opaque: 0,
      mismatched: [{ id: expect.stringMatching(/^[0-9a-f]{64}$/) }]
    })
    expect(json.integrity_overrides).toEqual([{ action: 'fork', reason: 'digest mismatch', source_run: 'golden-v2' }])

    const tagged = await tine(dir, ['tag', file, '--add', 'x', '--force'])
    expect(tagged.code, tagged.stderr).toBe(0)
    const retagged = JSON.parse(readFileSync(file, 'utf8'))
    expect(retagged.metadata.warnings[0]).toMatchObject({
      kind: 'integrity-override',
      action: 'tag',
      reason: 'digest mismatch'
    })
    expect((await oracle(file)).stdout).toMatch(/digest=OK.*1 MISMATCH/)
  }, 60_000)

  it('--force works the same for every writing command: each written run records its override', async () => {
    const cases: { action: string; args: (copy: string) => string[]; written: (copy: string) => string }[] = [
      { action: 'pause', args: (copy) => ['pause', copy], written: (copy) => copy },
      { action: 'resume', args: (copy) => ['resume', copy], written: (copy) => copy },
      { action: 'tag', args: (copy) => ['tag', copy, '--add', 'x'], written: (copy) => copy },
      {
        action: 'replay',
        args: (copy) => ['replay', copy, '--mode', 'cache', '--save', `${copy}.replayed.tine`],
        written: (copy) => `${copy}.replayed.tine`
      },
      {
        action: 'migrate',
        args: (copy) => ['migrate', copy, '--save', `${copy}.migrated.tine`],
        written: (copy) => `${copy}.migrated.tine`
      },
      {
        action: 'sign',
        args: (copy) => [
          'sign',
          copy,
          '--algorithm',
          'hmac-sha256',
          '--key-env',
          'TINE_TEST_KEY',
          '--save',
          `${copy}.signed.tine`
        ],
        written: (copy) => `${copy}.signed.tine`
      }
    ]
    for (const { action, args, written } of cases) {
      const copy = path.join(dir, `forced-${action}.tine`)
      writeFileSync(copy, original)
      const result = await tine(dir, [...args(copy), '--force'], { TINE_TEST_KEY: GOLDEN_KEY })
      expect(result.code, `${action}: ${result.stderr}`).toBe(0)
      expect(result.stderr, action).toContain('writing anyway because of --force')
      const document = JSON.parse(readFileSync(written(copy), 'utf8'))
      expect(document.metadata.warnings, action).toContainEqual(
        expect.objectContaining({ kind: 'integrity-override', action, reason: 'digest mismatch' })
      )
      const verify = await tine(dir, ['verify', written(copy)])
      expect(verify.stdout, action).toContain(
        `written from a file that failed its integrity check (${action} with --force`
      )
    }
  }, 120_000)
})
