/** Ed25519 verdicts name the key by fingerprint, `--pin` passes only for the pinned key, public keys are never HMAC keys. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE, expectCleanError, removeWorkspace, tine, workspace } from '../testing/cli-harness'
import { FIXTURES_DIR } from '../../e2e/kit/paths'

const KEYS = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'conformance', 'keys.json'), 'utf8')) as Record<
  string,
  string
>
let dir: string
let signed: string
let fingerprint: string

beforeAll(async () => {
  dir = workspace([FIXTURE.goldenV2])
  const seed = path.join(dir, 'seed.hex')
  writeFileSync(seed, KEYS.ed25519_seed)
  signed = path.join(dir, 'signed.tine')
  const result = await tine(dir, [
    'sign',
    '.tine_runs/golden_v2.tine',
    '--algorithm',
    'ed25519',
    '--ed25519-key-file',
    seed,
    '--save',
    signed
  ])
  expect(result.code, result.stderr).toBe(0)
  const publicKey = ed25519.getPublicKey(Buffer.from(KEYS.ed25519_seed, 'hex'))
  fingerprint = `sha256:${Buffer.from(sha256(publicKey)).toString('hex')}`
})
afterAll(() => removeWorkspace(dir))

describe('Ed25519 key fingerprints', () => {
  it('names the key in text and JSON verdicts', async () => {
    const text = await tine(dir, ['verify', signed, '--trust-embedded-key'])
    expect(text.stdout.split('\n')).toContain(`  key fingerprint: ${fingerprint}`)
    const json = JSON.parse((await tine(dir, ['verify', signed, '--trust-embedded-key', '--json'])).stdout)
    expect(json.signature.fingerprint).toBe(fingerprint)
  })

  it('--pin passes only for the pinned key', async () => {
    const pinned = await tine(dir, ['verify', signed, '--pin', fingerprint])
    expect(pinned.code, pinned.stdout).toBe(0)
    expect(pinned.stdout).toMatch(/^SIGNATURE OK .*\n {2}key fingerprint: sha256:[0-9a-f]{64}$/m)
    const other = await tine(dir, ['verify', signed, '--pin', `sha256:${'0'.repeat(64)}`])
    expect(other.code).toBe(1)
    expect(other.stdout).toContain('not the pinned')
    expect(other.stdout.split('\n')).toContain(`  key fingerprint: ${fingerprint}`)
    const malformed = await tine(dir, ['verify', signed, '--pin', 'abc'])
    expect(malformed.code).toBe(2)
  })
})

describe('public keys are not HMAC keys', () => {
  it('refuses a *.pub file and PEM/OpenSSH text as HMAC material', async () => {
    const pub = path.join(dir, 'id_ed25519.pub')
    writeFileSync(pub, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBpublickeymaterialonly user@host\n')
    const fromFile = await tine(dir, ['verify', '.tine_runs/golden_v2.tine', '--key-file', pub])
    expect(fromFile.code).toBe(1)
    expect(expectCleanError(fromFile)[0]).toContain('is a public key file (*.pub), not an HMAC secret')
    const pem =
      '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n'
    const fromEnv = await tine(
      dir,
      [
        'sign',
        '.tine_runs/golden_v2.tine',
        '--algorithm',
        'hmac-sha256',
        '--key-env',
        'K',
        '--save',
        path.join(dir, 'x.tine')
      ],
      { K: pem }
    )
    expect(fromEnv.code).toBe(1)
    expect(fromEnv.stderr).toContain('PEM public key, not an HMAC secret')
  })
})
