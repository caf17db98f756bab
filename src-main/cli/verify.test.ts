/** `tine verify` and every other reader against tampered and hostile files: exit 1, one clear line, no stack trace. */
import { closeSync, copyFileSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import {
  COMPAT_KEY,
  expectCleanError,
  FIXTURE,
  GOLDEN_KEY,
  oracle,
  pythonEdit,
  removeWorkspace,
  tine,
  workspace,
  type TineResult
} from '../testing/cli-harness'

let dir: string
const r: Record<string, TineResult> = {}
const o: Record<string, TineResult> = {}

function fixtureText(fixture: string): string {
  return readFileSync(path.join(FIXTURES_DIR, fixture), 'utf8')
}

/** Hostile inputs, each with the words its refusal must contain. */
const HOSTILE: Record<string, RegExp> = {
  'truncated.tine': /malformed|unexpected end|truncated|unterminated/i,
  'deep.tine': /depth|nest|excessive/i,
  'dupkey.tine': /duplicate/i,
  'surrogate.tine': /surrogate/i,
  'proto.tine': /__proto__/,
  'huge.tine': /MiB.*limit|too large/i,
  'orphan.tine': /parent .*not in the graph/i,
  'cycle.tine': /cycle/i
}

/** Loading (not only verifying) must refuse these the same way; a sample keeps the suite fast. */
const SHOWN = ['truncated.tine', 'proto.tine', 'huge.tine', 'cycle.tine']

beforeAll(async () => {
  dir = workspace([FIXTURE.goldenV2, FIXTURE.goldenSigned, FIXTURE.compatSigned2])
  const at = (name: string) => path.join(dir, name)
  writeFileSync(at('key.bin'), COMPAT_KEY + '\n')
  writeFileSync(at('golden.key'), GOLDEN_KEY)
  writeFileSync(at('wrong.key'), 'not-the-right-key-at-all-0000000')

  // Tampering.
  writeFileSync(at('body-edit.tine'), fixtureText(FIXTURE.goldenV2).replace('"text": "plan"', '"text": "plot"'))
  const signed = fixtureText(FIXTURE.goldenSigned)
  writeFileSync(at('zero.tine'), signed.replace('"cost": 0.0,', '"cost": 0,'))
  copyFileSync(path.join(FIXTURES_DIR, FIXTURE.compatSigned2), at('meta-edit.tine'))
  await pythonEdit(at('meta-edit.tine'), "d['metadata']['note'] = 'edited after signing'", false)

  // Hostile files.
  const golden = fixtureText(FIXTURE.goldenV2)
  writeFileSync(at('truncated.tine'), golden.slice(0, Math.floor(golden.length / 2)))
  writeFileSync(at('deep.tine'), '{"a":' + '['.repeat(600) + ']'.repeat(600) + '}')
  writeFileSync(
    at('dupkey.tine'),
    golden.replace('"status": "completed",', '"status": "completed",\n  "status": "paused",')
  )
  writeFileSync(at('surrogate.tine'), golden.replace('"text": "plan"', '"text": "pl\\ud800an"'))
  copyFileSync(path.join(FIXTURES_DIR, FIXTURE.goldenV2), at('proto.tine'))
  await pythonEdit(
    at('proto.tine'),
    "d['graph']['steps']['__proto__'] = dict(d['graph']['steps'][d['graph']['order'][0]], id='__proto__')",
    true
  )
  const huge = openSync(at('huge.tine'), 'w')
  ftruncateSync(huge, 300 * 1024 * 1024)
  closeSync(huge)
  copyFileSync(path.join(FIXTURES_DIR, FIXTURE.goldenV2), at('orphan.tine'))
  await pythonEdit(at('orphan.tine'), "d['graph']['steps'][d['graph']['order'][1]]['parent_ids'] = ['f' * 64]", true)
  copyFileSync(path.join(FIXTURES_DIR, FIXTURE.goldenV2), at('cycle.tine'))
  await pythonEdit(at('cycle.tine'), "o = d['graph']['order']; d['graph']['steps'][o[0]]['parent_ids'] = [o[2]]", true)

  const calls: Record<string, string[]> = {
    ok: ['verify', 'golden_v2'],
    okJson: ['verify', 'golden_v2', '--json'],
    sig1: ['verify', 'golden_signed', '--key-file', 'golden.key'],
    sig2: ['verify', 'artifact_signed', '--key-file', 'key.bin', '--json'],
    sig2Env: ['verify', 'artifact_signed', '--key-env', 'TINE_TEST_KEY'],
    wrongKey: ['verify', 'artifact_signed', '--key-file', 'wrong.key'],
    unsignedRequired: ['verify', 'golden_v2', '--require-signature'],
    bodyEdit: ['verify', 'body-edit.tine'],
    zero: ['verify', 'zero.tine', '--key-file', 'golden.key', '--json'],
    metaNoKey: ['verify', 'meta-edit.tine'],
    metaKey: ['verify', 'meta-edit.tine', '--key-file', 'key.bin']
  }
  for (const name of Object.keys(HOSTILE)) calls[`verify:${name}`] = ['verify', name]
  for (const name of SHOWN) calls[`show:${name}`] = ['show', name]
  const names = Object.keys(calls)
  const results = await Promise.all(names.map((name) => tine(dir, calls[name], { TINE_TEST_KEY: COMPAT_KEY })))
  names.forEach((name, i) => (r[name] = results[i]))
  const oracleFiles = ['body-edit.tine', 'zero.tine', 'meta-edit.tine']
  const verdicts = await Promise.all(oracleFiles.map((name) => oracle(at(name))))
  oracleFiles.forEach((name, i) => (o[name] = verdicts[i]))
}, 120_000)

afterAll(() => removeWorkspace(dir))

describe('tine verify on good files', () => {
  it('prints OK with the digest prefix and exits 0', () => {
    expect(r.ok.code).toBe(0)
    const digest = JSON.parse(fixtureText(FIXTURE.goldenV2)).metadata.integrity.digest
    expect(r.ok.stdout).toBe(`OK .tine_runs/golden_v2.tine sha256:${digest.slice(0, 12)}\n`)
  })

  it('--json has the spec §17 shape; signature is null unless asked for', () => {
    const report = JSON.parse(r.okJson.stdout)
    expect(Object.keys(report)).toEqual(['command', 'integrity', 'ok', 'path', 'signature'])
    expect(Object.keys(report.integrity)).toEqual(['actual', 'algorithm', 'draft', 'expected', 'ok', 'reason'])
    expect(report).toMatchObject({
      command: 'verify',
      ok: true,
      signature: null,
      integrity: { ok: true, reason: 'ok', draft: false }
    })
  })

  it('verifies tine-sig/1 and tine-sig/2 signatures with the published keys', () => {
    expect(r.sig1.code).toBe(0)
    expect(r.sig1.stdout).toMatch(/^SIGNATURE OK alg=hmac-sha256 scheme=tine-sig\/1 key_id=golden/m)
    expect(r.sig2.code).toBe(0)
    const report = JSON.parse(r.sig2.stdout)
    expect(Object.keys(report.signature)).toEqual([
      'algorithm',
      'key_id',
      'ok',
      'reason',
      'signed_at',
      'signer',
      'state'
    ])
    expect(report.signature).toMatchObject({
      ok: true,
      state: 'verified',
      algorithm: 'hmac-sha256',
      key_id: 'compat-golden'
    })
    expect(r.sig2Env.code).toBe(0)
    expect(r.sig2Env.stdout).toContain('SIGNATURE OK')
  })

  it('fails closed: a wrong key or a missing signature is a failure', () => {
    expect(r.wrongKey.code).toBe(1)
    expect(r.wrongKey.stdout).toMatch(/^SIGNATURE FAILED state=mismatch \(/m)
    expect(r.unsignedRequired.code).toBe(1)
    expect(r.unsignedRequired.stdout).toMatch(/^SIGNATURE FAILED state=unsigned/m)
  })
})

describe('tampering', () => {
  it('a body edit breaks the digest (the oracle agrees)', () => {
    expect(o['body-edit.tine'].code).toBe(1)
    expect(r.bodyEdit.code).toBe(1)
    expect(r.bodyEdit.stdout).toMatch(
      /^FAILED body-edit\.tine: digest mismatch \(recorded sha256:[0-9a-f]{12}, computed sha256:[0-9a-f]{12}\)$/m
    )
  })

  it('changing one 0.0 to 0 breaks the digest (int and float hash differently)', () => {
    expect(o['zero.tine'].code).toBe(1)
    expect(r.zero.code).toBe(1)
    const report = JSON.parse(r.zero.stdout)
    expect(report.ok).toBe(false)
    expect(report.integrity.reason).toBe('digest mismatch')
    expect(report.integrity.expected).not.toBe(report.integrity.actual)
  })

  it('a metadata edit keeps the digest but breaks the tine-sig/2 signature', () => {
    expect(r.metaNoKey.code).toBe(0)
    expect(r.metaNoKey.stdout).toMatch(/^OK meta-edit\.tine sha256:/)
    expect(r.metaKey.code).toBe(1)
    expect(r.metaKey.stdout).toMatch(
      /^OK meta-edit\.tine sha256:[0-9a-f]{12}\nSIGNATURE FAILED state=mismatch \(.+\)\n$/
    )
    // The oracle knows the compat key and reaches the same verdict.
    expect(o['meta-edit.tine'].code).toBe(1)
  })
})

describe('hostile files', () => {
  for (const name of Object.keys(HOSTILE)) {
    it(`${name}: exits 1 with one line naming the problem`, () => {
      const verify = r[`verify:${name}`]
      expect(verify.code).toBe(1)
      expectCleanError(verify)
      const lines = verify.stdout.trimEnd().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0].startsWith(`FAILED ${name}: `)).toBe(true)
      expect(lines[0]).toMatch(HOSTILE[name])
      if (!SHOWN.includes(name)) return
      const show = r[`show:${name}`]
      expect(show.code).toBe(1)
      expect(show.stdout).toBe('')
      const errors = expectCleanError(show)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(HOSTILE[name])
    })
  }
})
