/**
 * runs.verifySignature through the real service: the published fixture keys verify the signed
 * fixtures (HMAC typed as text, Ed25519 as a public key in hex); a wrong key, no key and an
 * unsigned file each get their own verdict. Keys come from the fixtures' own key file.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SignatureCheckView } from '../../../src-shared/api/action-types'
import { createApiService, type ApiServiceWithStats } from '../service'
import { FIXTURES_DIR, REPO_ROOT } from '../../../e2e/kit/paths'
import { errorCode, tempFolder } from '../../testing/support'
import { EXAMPLES_DIR } from '../../../e2e/kit/run-files'

const KEYS = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'conformance', 'keys.json'), 'utf8')) as Record<
  string,
  string
>
/** The README's golden key, `golden` = ASCII text; the compat key is published as hex of its text. */
const GOLDEN_KEY = 'golden-tine-signing-key-01234567'
const COMPAT_KEY = Buffer.from(KEYS.hmac_compat, 'hex').toString('utf8')

let service: ApiServiceWithStats
let folder: string

beforeAll(async () => {
  folder = tempFolder('tine-trust-')
  cpSync(path.join(FIXTURES_DIR, 'golden', 'golden_signed_v2.tine'), path.join(folder, 'golden_signed_v2.tine'))
  cpSync(path.join(FIXTURES_DIR, 'golden', 'golden_v2.tine'), path.join(folder, 'golden_v2.tine'))
  cpSync(path.join(FIXTURES_DIR, 'compat', 'v0_8_0', 'artifact_signed.tine'), path.join(folder, 'compat_v0_8_0.tine'))
  cpSync(path.join(FIXTURES_DIR, 'compat', 'v0_3_0', 'artifact_signed.tine'), path.join(folder, 'compat_v0_3_0.tine'))
  // An Ed25519 signature made by the CLI with the published conformance seed.
  const seedFile = path.join(tempFolder('tine-seed-'), 'seed.hex')
  writeFileSync(seedFile, KEYS.ed25519_seed)
  const signed = spawnSync(
    'node',
    [
      'src-main/cli/bin.mjs',
      'sign',
      path.join(EXAMPLES_DIR, 'release-failed.tine'),
      '--algorithm',
      'ed25519',
      '--ed25519-key-file',
      seedFile,
      '--save',
      path.join(folder, 'ed25519.tine')
    ],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8'
    }
  )
  expect(signed.status, signed.stderr).toBe(0)
  service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-cache-'), version: 'test' })
  await service.openPaths([folder])
})

afterAll(() => service.close())

function verify(name: string, keys: Record<string, unknown>): Promise<SignatureCheckView> {
  return service.dispatch('runs.verifySignature', {
    file: path.join(folder, name),
    ...keys
  }) as Promise<SignatureCheckView>
}

describe('runs.verifySignature', () => {
  test('HMAC: the golden key verifies, a wrong key is a mismatch, no key cannot be checked', async () => {
    expect(await verify('golden_signed_v2.tine', { hmacKey: GOLDEN_KEY })).toMatchObject({
      ok: true,
      state: 'verified',
      algorithm: 'hmac-sha256',
      scheme: 'tine-sig/1'
    })
    expect(await verify('golden_signed_v2.tine', { hmacKey: `${GOLDEN_KEY}x` })).toMatchObject({
      ok: false,
      state: 'mismatch'
    })
    expect(await verify('golden_signed_v2.tine', {})).toMatchObject({ ok: false, state: 'no-key' })
  })

  test('files written by released opentine verify with the published compat key (both schemes)', async () => {
    expect(await verify('compat_v0_3_0.tine', { hmacKey: COMPAT_KEY })).toMatchObject({
      ok: true,
      state: 'verified',
      scheme: 'tine-sig/1'
    })
    expect(await verify('compat_v0_8_0.tine', { hmacKey: COMPAT_KEY })).toMatchObject({
      ok: true,
      state: 'verified',
      scheme: 'tine-sig/2'
    })
    expect(await verify('compat_v0_8_0.tine', { hmacKey: GOLDEN_KEY })).toMatchObject({ ok: false, state: 'mismatch' })
  })

  test('the published hex form of the compat key verifies as hex, and as base64 once re-encoded; as text it does not', async () => {
    const wrapped = KEYS.hmac_compat.replace(/(.{16})/g, '$1\n')
    expect(await verify('compat_v0_8_0.tine', { hmacKey: wrapped, hmacKeyFormat: 'hex' })).toMatchObject({
      ok: true,
      state: 'verified'
    })
    const base64 = Buffer.from(KEYS.hmac_compat, 'hex').toString('base64')
    expect(await verify('compat_v0_8_0.tine', { hmacKey: base64, hmacKeyFormat: 'base64' })).toMatchObject({
      ok: true,
      state: 'verified'
    })
    expect(await verify('compat_v0_8_0.tine', { hmacKey: KEYS.hmac_compat })).toMatchObject({ state: 'mismatch' })
    expect(
      await errorCode(
        service.dispatch('runs.verifySignature', {
          file: path.join(folder, 'compat_v0_8_0.tine'),
          hmacKey: 'not hex!',
          hmacKeyFormat: 'hex'
        })
      )
    ).toBe('bad-request')
    expect(
      await errorCode(
        service.dispatch('runs.verifySignature', {
          file: path.join(folder, 'compat_v0_8_0.tine'),
          hmacKey: 'a*b',
          hmacKeyFormat: 'base64'
        })
      )
    ).toBe('bad-request')
  })

  test('a pasted PEM or OpenSSH public key is refused as HMAC key material, in any format', async () => {
    const file = path.join(folder, 'golden_signed_v2.tine')
    for (const hmacKey of [
      '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm/RAlphM3+hUG6wWfcO5bIUIaqMLa2ywxcOK1wMWbh user@host'
    ]) {
      for (const hmacKeyFormat of ['text', 'base64'] as const) {
        const refused = service.dispatch('runs.verifySignature', { file, hmacKey, hmacKeyFormat })
        await expect(refused).rejects.toMatchObject({
          code: 'bad-request',
          message: expect.stringContaining('public key')
        })
      }
    }
  })

  test('Ed25519: the public key in hex verifies, another key does not, the embedded key is only trusted on request', async () => {
    const publicHex = Buffer.from(ed25519.getPublicKey(Buffer.from(KEYS.ed25519_seed, 'hex'))).toString('hex')
    const otherHex = Buffer.from(ed25519.getPublicKey(new Uint8Array(32).fill(7))).toString('hex')
    expect(await verify('ed25519.tine', { ed25519PublicKeyHex: publicHex.toUpperCase() })).toMatchObject({
      ok: true,
      state: 'verified',
      algorithm: 'ed25519'
    })
    expect(await verify('ed25519.tine', { ed25519PublicKeyHex: otherHex })).toMatchObject({
      ok: false,
      state: 'mismatch'
    })
    expect(await verify('ed25519.tine', {})).toMatchObject({ ok: false, state: 'no-key' })
    expect(await verify('ed25519.tine', { trustEmbeddedKey: true })).toMatchObject({ ok: true, state: 'verified-tofu' })
  })

  test('an unsigned file says so; paths outside the opened folder are refused', async () => {
    expect(await verify('golden_v2.tine', { hmacKey: GOLDEN_KEY })).toMatchObject({ ok: false, state: 'unsigned' })
    const outside = path.join(FIXTURES_DIR, 'golden', 'golden_signed_v2.tine')
    expect(await errorCode(service.dispatch('runs.verifySignature', { file: outside, hmacKey: GOLDEN_KEY }))).toBe(
      'forbidden-path'
    )
  })
})
