/** Commands that write: pause, resume, tag, migrate, keygen, sign, export --output. Files are checked with the oracle. */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectCleanError, FIXTURE, oracle, removeWorkspace, tine, workspace } from '../testing/cli-harness'

let dir: string
const runFile = (name: string) => path.join(dir, '.tine_runs', name)
const readRun = (name: string) => JSON.parse(readFileSync(runFile(name), 'utf8'))

beforeAll(() => {
  dir = workspace([
    FIXTURE.demoRunning,
    FIXTURE.demoPaused,
    FIXTURE.goldenSigned,
    FIXTURE.goldenV1,
    FIXTURE.goldenLinear,
    FIXTURE.demoComplete,
    FIXTURE.compatSigned2
  ])
})

afterAll(() => removeWorkspace(dir))

describe('pause / resume', () => {
  it('pause writes status paused in place with a valid digest', async () => {
    const result = await tine(dir, ['pause', 'demo-running'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('Paused demo-running (was running); saved .tine_runs/demo-running.tine\n')
    expect(readRun('demo-running.tine').status).toBe('paused')
    const verdict = await oracle(runFile('demo-running.tine'))
    expect(verdict.code, verdict.stdout).toBe(0)
  })

  it('resume refuses a run whose manifest does not allow it, and leaves the file alone', async () => {
    const before = readFileSync(runFile('demo-paused.tine'))
    const result = await tine(dir, ['resume', 'demo-paused'])
    expect(result.code).toBe(1)
    expect(expectCleanError(result)).toEqual([
      'tine: refusing to resume demo-paused: its manifest does not allow resuming (manifest.resume is not set)'
    ])
    expect(readFileSync(runFile('demo-paused.tine')).equals(before)).toBe(true)
  })

  it('resume of a resumable signed run sets running, warns that the signature is dropped, and stays valid', async () => {
    const result = await tine(dir, ['resume', 'golden_signed', '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      command: 'resume',
      previous_status: 'completed',
      status: 'running'
    })
    expect(result.stderr).toMatch(/^warning: the signature of .* was dropped/)
    const doc = readRun('golden_signed_v2.tine')
    expect(doc.status).toBe('running')
    expect(doc.metadata.integrity.signature).toBeUndefined()
    const verdict = await oracle(runFile('golden_signed_v2.tine'))
    expect(verdict.code, verdict.stdout).toBe(0)
  })
})

describe('tag', () => {
  it('adds normalised tags, removes tags, re-saves validly; --list changes nothing', async () => {
    const added = await tine(dir, ['tag', 'demo-complete', '--add', ' Prod ', '--add', 'ci', '--json'])
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ command: 'tag', changed: true, tags: ['ci', 'prod'] })
    expect(readRun('demo-complete.tine').metadata.tags).toEqual(['ci', 'prod'])
    const removed = await tine(dir, ['tag', 'demo-complete', '--remove', 'CI'])
    expect(removed.stdout).toBe('demo-complet tags: prod (saved .tine_runs/demo-complete.tine)\n')
    const before = readFileSync(runFile('demo-complete.tine'))
    const [listed, verdict] = await Promise.all([
      tine(dir, ['tag', 'demo-complete', '--list']),
      oracle(runFile('demo-complete.tine'))
    ])
    expect(listed.stdout).toBe('demo-complet tags: prod\n')
    expect(readFileSync(runFile('demo-complete.tine')).equals(before)).toBe(true)
    expect(verdict.code, verdict.stdout).toBe(0)
  })
})

describe('migrate', () => {
  it('previews v1 and legacy files without writing, then writes v2 with --save / --in-place', async () => {
    const v1Before = readFileSync(runFile('golden_v1.tine'))
    const [preview, legacy] = await Promise.all([
      tine(dir, ['migrate', 'golden_v1']),
      tine(dir, ['migrate', 'golden_v0_linear.tine', '--save', 'linear-v2.tine'])
    ])
    expect(preview.code, preview.stderr).toBe(0)
    // spec §20: the migrated v2 digest of golden_v1 is cec204c4fb45…
    expect(preview.stdout).toContain('format_version: 1 -> 2\ndigest: 62c0df624de4 -> cec204c4fb45\n')
    expect(readFileSync(runFile('golden_v1.tine')).equals(v1Before)).toBe(true)
    expect(legacy.code, legacy.stderr).toBe(0)
    const inPlace = await tine(dir, ['migrate', 'golden_v1', '--in-place'])
    expect(inPlace.code, inPlace.stderr).toBe(0)
    expect(readRun('golden_v1.tine').format_version).toBe(2)
    const verdicts = await Promise.all([oracle(runFile('golden_v1.tine')), oracle(path.join(dir, 'linear-v2.tine'))])
    for (const verdict of verdicts) expect(verdict.code, verdict.stdout).toBe(0)
    expect(JSON.parse(readFileSync(path.join(dir, 'linear-v2.tine'), 'utf8')).format_version).toBe(2)
  })

  it('refuses a source whose digest fails, unless --force', async () => {
    const tampered = readFileSync(runFile('golden_v1.tine'), 'utf8').replace(
      '"status": "completed"',
      '"status": "failed"'
    )
    writeFileSync(path.join(dir, 'tampered.tine'), tampered)
    const refused = await tine(dir, ['migrate', 'tampered.tine', '--save', 'out.tine'])
    expect(refused.code).toBe(1)
    expect(expectCleanError(refused)[0]).toMatch(
      /refusing to migrate tampered\.tine: integrity check failed \(digest mismatch\)/
    )
  })
})

describe('keygen / sign', () => {
  it('ed25519: keygen writes an owner-only seed; sign + verify --pubkey round-trips; a wrong public key fails', async () => {
    const keygen = await tine(dir, ['keygen', '--out', 'seed.hex', '--pub', 'pub.hex'])
    expect(keygen.code, keygen.stderr).toBe(0)
    expect(statSync(path.join(dir, 'seed.hex')).mode & 0o777).toBe(0o600)
    const publicHex = readFileSync(path.join(dir, 'pub.hex'), 'utf8').trim()
    expect(publicHex).toMatch(/^[0-9a-f]{64}$/)
    expect(keygen.stdout).toContain(`public_key: ${publicHex}`)

    const signed = await tine(dir, [
      'sign',
      'compat-artifact',
      '--algorithm',
      'ed25519',
      '--ed25519-key-file',
      'seed.hex',
      '--key-id',
      'k1',
      '--signer',
      'tests',
      '--save',
      'signed.tine'
    ])
    expect(signed.code, signed.stderr).toBe(0)
    writeFileSync(path.join(dir, 'other.pub'), 'ab'.repeat(32))
    const [good, wrong, digestOnly] = await Promise.all([
      tine(dir, ['verify', 'signed.tine', '--pubkey', 'pub.hex']),
      tine(dir, ['verify', 'signed.tine', '--pubkey', 'other.pub']),
      oracle(path.join(dir, 'signed.tine'))
    ])
    expect(good.code, good.stdout + good.stderr).toBe(0)
    expect(good.stdout).toMatch(
      /^SIGNATURE OK alg=ed25519 scheme=tine-sig\/2 key_id=k1 signer=tests\n {2}key fingerprint: sha256:[0-9a-f]{64}$/m
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toMatch(/^SIGNATURE FAILED state=/m)
    expect(digestOnly.code, digestOnly.stdout).toBe(0)
  })

  it('hmac: signs in place with --overwrite (the oracle checks the HMAC); refuses running runs and existing targets', async () => {
    writeFileSync(path.join(dir, 'hmac.key'), 'a-test-hmac-key-that-is-long-enough\n')
    const [inPlace, running, existing] = await Promise.all([
      tine(dir, ['sign', 'demo-complete', '--key-file', 'hmac.key', '--key-id', 'test', '--overwrite']),
      tine(dir, ['sign', 'demo-paused', '--key-file', 'hmac.key', '--save', 'p.tine']),
      tine(dir, ['sign', 'demo-complete', '--key-file', 'hmac.key'])
    ])
    expect(inPlace.code, inPlace.stderr).toBe(0)
    const keyHex = Buffer.from('a-test-hmac-key-that-is-long-enough').toString('hex')
    const verdict = await oracle(runFile('demo-complete.tine'), ['--hmac', `test=${keyHex}`])
    expect(verdict.code, verdict.stdout).toBe(0)
    expect(verdict.stdout).toMatch(/sig=.*verified/i)
    expect(running.code).toBe(1)
    expect(expectCleanError(running)).toHaveLength(1)
    expect(running.stderr).toMatch(/paused|terminal|completed/)
    expect(existing.code).toBe(1)
    expect(existing.stderr).toContain('--overwrite')
  })
})

describe('export --output', () => {
  it('writes the OTLP/JSON file and refuses to replace it without --force', async () => {
    const first = await tine(dir, ['export', 'demo-complete', '--output', 'trace.json'])
    expect(first.code, first.stderr).toBe(0)
    const trace = JSON.parse(readFileSync(path.join(dir, 'trace.json'), 'utf8'))
    expect(trace.resourceSpans[0].scopeSpans[0].spans.length).toBe(readRun('demo-complete.tine').graph.order.length)
    const again = await tine(dir, ['export', 'demo-complete', '--output', 'trace.json'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('trace.json already exists')
  })
})
