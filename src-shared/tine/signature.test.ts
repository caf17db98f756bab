// Signatures (spec §11) on real files, checked against the Python oracle wherever it has an opinion.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRunFromBytes } from '../run/load'
import { signRun } from '../run/sign'
import { readArtifactBytes } from './artifact'
import { TineError } from './errors'
import { integrityDigest } from './integrity'
import { deepCopy, type JsonObject } from './json-value'
import { prettyJson } from './pretty'
import {
  ed25519PublicKeyFromSeed,
  generateEd25519Seed,
  hexToBytes,
  parseKeyFileText,
  signDocument,
  signedMessage,
  verifySignature,
  type SignatureVerdict,
  type VerificationKeys
} from './signature'
import { FIXTURES_DIR, ORACLE, walkFiles } from '../../e2e/kit/paths'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const bytesToHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** The published test keys: conformance/keys.json, and the README's ASCII key for the golden fixture. */
const PUBLISHED = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'conformance/keys.json'), 'utf8')) as Record<
  string,
  string
>
const README_GOLDEN_KEY = /key `golden` = ASCII `([^`]+)`/.exec(
  readFileSync(path.join(FIXTURES_DIR, 'README.md'), 'utf8')
)?.[1]
if (!README_GOLDEN_KEY) throw new Error('fixture README no longer states the golden HMAC key')
const FIXTURE_HMAC_KEYS: Record<string, Uint8Array> = {
  golden: encoder.encode(README_GOLDEN_KEY),
  'compat-golden': hexToBytes(PUBLISHED.hmac_compat)
}
const FIXTURE_KEYS: VerificationKeys = { hmacKeys: FIXTURE_HMAC_KEYS }
const ORACLE_KEY_ARGS = Object.entries(FIXTURE_HMAC_KEYS).flatMap(([id, key]) => ['--hmac', `${id}=${bytesToHex(key)}`])

function runOracle(args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('python3', [ORACLE, ...args], { encoding: 'utf8' })
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout }
}

/** The oracle's `sig=` token for each file it printed a line for (absent when it does not judge signatures). */
function oracleSignatureTokens(stdout: string): Map<string, string | null> {
  const tokens = new Map<string, string | null>()
  for (const line of stdout.split('\n')) {
    const match = /^(?:OK|MISMATCH)\s+(\S+?\.tine)\b/.exec(line)
    if (match) tokens.set(path.resolve(match[1]), / sig=(\S+)/.exec(line)?.[1] ?? null)
  }
  return tokens
}

/** `verified(tine-sig/1)` → verified under tine-sig/1; `MISMATCH(tine-sig/2)` → mismatch; `no-key(...)` → no-key. */
function expectMatchesOracle(verdict: SignatureVerdict, token: string | null | undefined): void {
  expect(token, 'the oracle printed no line for this file').not.toBeUndefined()
  if (token === null) {
    expect(verdict.state).toBe('unsigned')
    return
  }
  const [, name, detail] = /^([A-Za-z-]+)(?:\((.*)\))?$/.exec(token as string) ?? []
  const state = name.toLowerCase()
  expect(verdict.state, verdict.reason).toBe(state)
  if (state === 'verified' || state === 'mismatch') expect(verdict.scheme).toBe(detail)
}

function load(file: string): JsonObject {
  return readArtifactBytes(readFileSync(file)).original
}

const fixture = (relative: string) => path.join(FIXTURES_DIR, relative)

let workDir: string
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tine-signature-'))
})
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

/** Writes an edited copy of a fixture (one textual replacement) and returns its path. */
function tamperedCopy(relative: string, from: string, to: string, name: string): string {
  const text = readFileSync(fixture(relative), 'utf8')
  expect(text.includes(from), `${relative} no longer contains ${from}`).toBe(true)
  const target = path.join(workDir, name)
  writeFileSync(target, text.replace(from, to))
  return target
}

/** Our verdict and the oracle's for the same file on disk; both must agree, and ours is returned. */
function verdictAgreeingWithOracle(file: string): SignatureVerdict {
  const verdict = verifySignature(load(file), FIXTURE_KEYS)
  const tokens = oracleSignatureTokens(runOracle([...ORACLE_KEY_ARGS, file]).stdout)
  expectMatchesOracle(verdict, tokens.get(path.resolve(file)))
  return verdict
}

describe('fixtures: our verdict equals the oracle', () => {
  const files = walkFiles(FIXTURES_DIR, '.tine')

  it('finds the fixture files', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  // One oracle run over the whole tree keeps this fast; each file's own line is then looked up.
  let tokens: Map<string, string | null>
  beforeAll(() => {
    tokens = oracleSignatureTokens(runOracle([...ORACLE_KEY_ARGS, FIXTURES_DIR]).stdout)
  })

  it.each(files.map((file) => [path.relative(FIXTURES_DIR, file), file]))('%s', (_name, file) => {
    const verdict = verifySignature(load(file), FIXTURE_KEYS)
    expectMatchesOracle(verdict, tokens.get(path.resolve(file)))
    expect(verdict.ok).toBe(verdict.state === 'verified')
  })

  it('says no-key, naming the key id, when the fixture keys are withheld', () => {
    const verdict = verifySignature(load(fixture('golden/golden_signed_v2.tine')), {})
    expect(verdict).toMatchObject({
      ok: false,
      state: 'no-key',
      keyId: 'golden',
      reason: 'no HMAC key for key_id=golden'
    })
  })

  it('uses the catch-all HMAC key whatever the key id', () => {
    const verdict = verifySignature(load(fixture('golden/golden_signed_v2.tine')), {
      hmacKey: FIXTURE_HMAC_KEYS.golden
    })
    expect(verdict.state).toBe('verified')
    expect(verdict.reason).toBe('HMAC-SHA256 signature verified (tine-sig/1, key_id=golden)')
  })
})

describe('the spec worked message (golden_signed_v2.tine)', () => {
  it('is 2384 bytes with the stated prefix and suffix, and its HMAC is the stored value', () => {
    const document = load(fixture('golden/golden_signed_v2.tine'))
    const block = ((document.metadata as JsonObject).integrity as JsonObject).signature as JsonObject
    const message = signedMessage(document, block)
    const text = decoder.decode(message)
    expect(message.length).toBe(2384)
    expect(
      text.startsWith(
        'opentine.signature.v1:{"body":{"cache":{"fixture-cache-key":"[REDACTED]"},"created_at":1710000000.0,'
      )
    ).toBe(true)
    expect(
      text.endsWith(
        '"header":{"alg":"hmac-sha256","key_id":"golden","scheme":"tine-sig/1","signed_at":"2026-01-01T00:00:00Z","signer":"opentine-tests"},' +
          '"metadata":{"model_info":"mock-golden","system_prompt":"system","user_prompt":"task"}}'
      )
    ).toBe(true)
    expect(block.value).toMatch(/^cb2f2f3d[0-9a-f]{48}8a60701f$/)
  })
})

describe('tampering (edited copies on disk, oracle agrees)', () => {
  it('a body edit breaks the signature', () => {
    const file = tamperedCopy(
      'golden/golden_signed_v2.tine',
      '"status": "completed"',
      '"status": "failed"',
      'body-edit.tine'
    )
    expect(verdictAgreeingWithOracle(file).state).toBe('mismatch')
  })

  it('a 0.0 -> 0 edit of a cost breaks the signature', () => {
    const file = tamperedCopy('golden/golden_signed_v2.tine', '"cost": 0.0,', '"cost": 0,', 'cost-int.tine')
    expect(verdictAgreeingWithOracle(file).state).toBe('mismatch')
  })

  it('a system_prompt edit breaks tine-sig/1', () => {
    const file = tamperedCopy(
      'golden/golden_signed_v2.tine',
      '"system_prompt": "system"',
      '"system_prompt": "system, edited"',
      'prompt-edit.tine'
    )
    expect(verdictAgreeingWithOracle(file)).toMatchObject({ state: 'mismatch', scheme: 'tine-sig/1' })
  })

  it('adding tags keeps tine-sig/1 valid but breaks tine-sig/2', () => {
    const v1 = tamperedCopy(
      'golden/golden_signed_v2.tine',
      '"metadata": {',
      '"metadata": {\n    "tags": ["added"],',
      'tags-v1.tine'
    )
    expect(verdictAgreeingWithOracle(v1)).toMatchObject({ state: 'verified', scheme: 'tine-sig/1' })
    const v2 = tamperedCopy(
      'compat/v0_8_0/artifact_signed.tine',
      '"compat",',
      '"compat",\n      "extra",',
      'tags-v2.tine'
    )
    expect(verdictAgreeingWithOracle(v2)).toMatchObject({ state: 'mismatch', scheme: 'tine-sig/2' })
  })

  it('editing an app metadata key breaks tine-sig/2 but not tine-sig/1', () => {
    const v2 = tamperedCopy(
      'compat/v0_8_0/artifact_signed.tine',
      '"project": "opentine"',
      '"project": "someone-else"',
      'app-key-v2.tine'
    )
    expect(verdictAgreeingWithOracle(v2)).toMatchObject({ state: 'mismatch', scheme: 'tine-sig/2' })
    const v1 = tamperedCopy(
      'compat/v0_3_0/artifact_signed.tine',
      '"project": "opentine"',
      '"project": "someone-else"',
      'app-key-v1.tine'
    )
    expect(verdictAgreeingWithOracle(v1)).toMatchObject({ state: 'verified', scheme: 'tine-sig/1' })
  })
})

describe('malformed blocks are errors, never throws', () => {
  const signedGolden = () => deepCopy(load(fixture('golden/golden_signed_v2.tine')))
  const blockOf = (document: JsonObject) =>
    ((document.metadata as JsonObject).integrity as JsonObject).signature as JsonObject
  const cases: [string, (block: JsonObject) => void, RegExp][] = [
    ['unknown scheme', (block) => (block.scheme = 'tine-sig/3'), /unsupported signature scheme "tine-sig\/3"/],
    ['missing scheme', (block) => delete block.scheme, /unsupported signature scheme/],
    ['unknown alg', (block) => (block.alg = 'rsa-pss'), /unsupported signature algorithm "rsa-pss"/],
    ['short value', (block) => (block.value = (block.value as string).slice(2)), /expected 64 hex characters/],
    ['non-hex value', (block) => (block.value = 'z'.repeat(64)), /malformed signature value/],
    ['non-string signer', (block) => (block.signer = 7n), /signer must be a string/],
    ['non-string key_id', (block) => (block.key_id = ['golden']), /key_id must be a string/]
  ]
  it.each(cases)('%s', (_name, edit, reason) => {
    const document = signedGolden()
    edit(blockOf(document))
    const verdict = verifySignature(document, FIXTURE_KEYS)
    expect(verdict.state).toBe('error')
    expect(verdict.ok).toBe(false)
    expect(verdict.reason).toMatch(reason)
  })

  it('a block that is not an object', () => {
    const document = signedGolden()
    ;((document.metadata as JsonObject).integrity as JsonObject).signature = 'cb2f'
    expect(verifySignature(document, FIXTURE_KEYS)).toMatchObject({
      state: 'error',
      reason: 'signature block is not an object'
    })
  })

  it('an HMAC key under 16 bytes is refused on verify', () => {
    const verdict = verifySignature(signedGolden(), { hmacKey: hexToBytes(PUBLISHED.hmac_short) })
    expect(verdict.state).toBe('error')
    expect(verdict.reason).toMatch(/too short \(15 bytes\)/)
  })

  it('an upper-case stored HMAC value does not match, as in opentine', () => {
    const document = signedGolden()
    blockOf(document).value = (blockOf(document).value as string).toUpperCase()
    expect(verifySignature(document, FIXTURE_KEYS).state).toBe('mismatch')
  })
})

describe('sign, write, re-read, verify', () => {
  it('HMAC round trip through signRun; the oracle verifies it', () => {
    const run = loadRunFromBytes(readFileSync(fixture('golden/golden_signed_v2.tine')))
    const key = hexToBytes(PUBLISHED.hmac_a)
    const text = signRun(run, {
      algorithm: 'hmac-sha256',
      key,
      keyId: 'roundtrip',
      signer: 'vitest',
      signedAt: '2026-02-03T04:05:06Z'
    })
    const file = path.join(workDir, 'signed-hmac.tine')
    writeFileSync(file, text)

    const reread = load(file)
    const block = ((reread.metadata as JsonObject).integrity as JsonObject).signature as JsonObject
    expect(Object.keys(block).sort()).toEqual(['alg', 'key_id', 'scheme', 'signed_at', 'signer', 'value'])
    expect(block.value).toMatch(/^[0-9a-f]{64}$/)
    expect(verifySignature(reread, { hmacKeys: { roundtrip: key } })).toMatchObject({
      ok: true,
      state: 'verified',
      scheme: 'tine-sig/2',
      keyId: 'roundtrip',
      signer: 'vitest',
      signedAt: '2026-02-03T04:05:06Z'
    })
    expect(verifySignature(reread, { hmacKeys: { roundtrip: hexToBytes(PUBLISHED.hmac_b) } }).state).toBe('mismatch')

    const oracle = runOracle(['--hmac', `roundtrip=${PUBLISHED.hmac_a}`, file])
    expect(oracle.status, oracle.stdout).toBe(0)
    expect(oracleSignatureTokens(oracle.stdout).get(path.resolve(file))).toBe('verified(tine-sig/2)')
  })

  it('omits key_id, signer and signed_at when not given', () => {
    const document = load(fixture('golden/golden_v2.tine'))
    const signed = signDocument(document, { algorithm: 'hmac-sha256', key: hexToBytes(PUBLISHED.hmac_floor) })
    const block = ((signed.metadata as JsonObject).integrity as JsonObject).signature as JsonObject
    expect(Object.keys(block).sort()).toEqual(['alg', 'scheme', 'value'])
    expect(
      ((document.metadata as JsonObject).integrity as JsonObject).signature,
      'input left untouched'
    ).toBeUndefined()
    const verdict = verifySignature(signed, { hmacKey: hexToBytes(PUBLISHED.hmac_floor) })
    expect(verdict).toMatchObject({
      state: 'verified',
      keyId: null,
      reason: 'HMAC-SHA256 signature verified (tine-sig/2)'
    })
    expect(verifySignature(signed, { hmacKeys: { other: hexToBytes(PUBLISHED.hmac_a) } }).reason).toMatch(
      /no HMAC key supplied/
    )
  })

  it('Ed25519 round trip on a failed run; oracle says no-key and exits 0; Python cryptography verifies it', () => {
    const seed = hexToBytes(PUBLISHED.ed25519_seed)
    const document = load(fixture('gui/.tine_runs/demo-failed.tine'))
    const file = path.join(workDir, 'signed-ed25519.tine')
    writeFileSync(file, prettyJson(signDocument(document, { algorithm: 'ed25519', key: seed, keyId: 'ed-test' })))

    const reread = load(file)
    const block = ((reread.metadata as JsonObject).integrity as JsonObject).signature as JsonObject
    expect(block.value).toMatch(/^[0-9a-f]{128}$/)
    expect(block.public_key).toBe(bytesToHex(ed25519PublicKeyFromSeed(seed)))
    expect(verifySignature(reread, { ed25519PublicKey: ed25519PublicKeyFromSeed(seed) })).toMatchObject({
      ok: true,
      state: 'verified',
      algorithm: 'ed25519'
    })

    const oracle = runOracle([file])
    expect(oracle.status, oracle.stdout).toBe(0)
    expect(oracleSignatureTokens(oracle.stdout).get(path.resolve(file))).toBe('no-key(ed25519)')

    // An independent Ed25519 implementation over the oracle's own message bytes.
    const script = [
      'import sys',
      `sys.path.insert(0, ${JSON.stringify(path.dirname(ORACLE))})`,
      'import tine_ref',
      'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey',
      'doc = tine_ref.parse_artifact(open(sys.argv[1], "rb").read())',
      'block = doc["metadata"]["integrity"]["signature"]',
      'Ed25519PublicKey.from_public_bytes(bytes.fromhex(block["public_key"])).verify(bytes.fromhex(block["value"]), tine_ref.signed_message(doc, block))',
      'print("ed25519 ok")'
    ].join('\n')
    const python = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' })
    if (/No module named 'cryptography'/.test(python.stderr)) return
    expect(python.stdout.trim(), python.stderr).toBe('ed25519 ok')
  })

  it('a wrong Ed25519 public key is a mismatch; the embedded key only with opt-in, as verified-tofu', () => {
    const document = load(fixture('golden/golden_v2.tine'))
    const signed = signDocument(document, { algorithm: 'ed25519', key: generateEd25519Seed() })
    expect(verifySignature(signed, { ed25519PublicKey: ed25519PublicKeyFromSeed(generateEd25519Seed()) }).state).toBe(
      'mismatch'
    )
    expect(verifySignature(signed, {}).state).toBe('no-key')
    expect(verifySignature(signed, { trustEmbeddedKey: true })).toMatchObject({ ok: true, state: 'verified-tofu' })

    const edited = deepCopy(signed)
    ;(edited.metadata as JsonObject).user_prompt = 'something else'
    expect(verifySignature(edited, { trustEmbeddedKey: true }).state).toBe('mismatch')
  })

  it('a small-order Ed25519 public key is never trusted', () => {
    const signed = signDocument(load(fixture('golden/golden_v2.tine')), {
      algorithm: 'ed25519',
      key: generateEd25519Seed()
    })
    const identity = new Uint8Array(32)
    identity[0] = 1
    expect(verifySignature(signed, { ed25519PublicKey: identity })).toMatchObject({
      state: 'error',
      reason: expect.stringMatching(/small order/)
    })
  })

  it('signRun replaces an old tine-sig/1 block with a tine-sig/2 one', () => {
    const run = loadRunFromBytes(readFileSync(fixture('golden/golden_signed_v2.tine')))
    const text = signRun(run, { algorithm: 'hmac-sha256', key: FIXTURE_HMAC_KEYS.golden, keyId: 'golden' })
    expect(text.endsWith('}')).toBe(true)
    const document = readArtifactBytes(encoder.encode(text)).original
    const verdict = verifySignature(document, FIXTURE_KEYS)
    expect(verdict).toMatchObject({ state: 'verified', scheme: 'tine-sig/2', signer: null, signedAt: null })
  })
})

describe('signing refusals', () => {
  const refusal = (run: () => unknown): TineError => {
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(TineError)
      expect((error as TineError).code).toBe('signature.refused')
      return error as TineError
    }
    throw new Error('expected a refusal')
  }
  const hmacOptions = { algorithm: 'hmac-sha256' as const, key: hexToBytes(PUBLISHED.hmac_a) }

  it('refuses a draft even with a correct digest', () => {
    const document = deepCopy(load(fixture('golden/golden_v2.tine')))
    document.draft = true
    ;((document.metadata as JsonObject).integrity as JsonObject).digest = integrityDigest(document)
    expect(refusal(() => signDocument(document, hmacOptions)).message).toMatch(/draft/)
  })

  it.each(['gui/.tine_runs/demo-running.tine', 'gui/.tine_runs/demo-paused.tine'])(
    'refuses the non-terminal run %s',
    (relative) => {
      expect(refusal(() => signDocument(load(fixture(relative)), hmacOptions)).message).toMatch(
        /status "(running|paused)"/
      )
    }
  )

  it('refuses an HMAC key under 16 bytes and accepts exactly 16', () => {
    const document = load(fixture('golden/golden_v2.tine'))
    expect(
      refusal(() => signDocument(document, { algorithm: 'hmac-sha256', key: hexToBytes(PUBLISHED.hmac_short) })).message
    ).toMatch(/too short \(15 bytes\)/)
    expect(() =>
      signDocument(document, { algorithm: 'hmac-sha256', key: hexToBytes(PUBLISHED.hmac_floor) })
    ).not.toThrow()
  })

  it('refuses an Ed25519 seed that is not 32 bytes', () => {
    expect(
      refusal(() =>
        signDocument(load(fixture('golden/golden_v2.tine')), { algorithm: 'ed25519', key: new Uint8Array(31) })
      ).message
    ).toMatch(/32 bytes/)
  })

  it('refuses a document whose stored digest no longer matches its body', () => {
    const document = deepCopy(load(fixture('golden/golden_v2.tine')))
    document.run_id = 'edited-after-digest'
    expect(refusal(() => signDocument(document, hmacOptions)).message).toMatch(/digest mismatch/)
    const withoutIntegrity = deepCopy(load(fixture('golden/golden_v2.tine')))
    delete (withoutIntegrity.metadata as JsonObject).integrity
    expect(refusal(() => signDocument(withoutIntegrity, hmacOptions)).message).toMatch(/missing integrity digest/)
  })

  it('refuses a v1 document (signatures are a v2 feature)', () => {
    expect(refusal(() => signDocument(load(fixture('golden/golden_v1.tine')), hmacOptions)).message).toMatch(
      /format_version 2/
    )
  })
})

describe('keys', () => {
  it('derives the RFC 8032 test-1 public key', () => {
    const seed = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')
    expect(bytesToHex(ed25519PublicKeyFromSeed(seed))).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
    )
  })

  it('generates distinct 32-byte seeds', () => {
    const a = generateEd25519Seed()
    const b = generateEd25519Seed()
    expect(a.length).toBe(32)
    expect(bytesToHex(a)).not.toBe(bytesToHex(b))
  })

  it('strips exactly one trailing LF from a key file read from disk', () => {
    const file = path.join(workDir, 'key.txt')
    writeFileSync(file, 'golden-tine-signing-key-01234567\n')
    expect(parseKeyFileText(readFileSync(file, 'utf8'))).toBe('golden-tine-signing-key-01234567')
    expect(parseKeyFileText('abc\n\n')).toBe('abc\n')
    expect(parseKeyFileText('abc\r\n')).toBe('abc\r')
    expect(parseKeyFileText('abc')).toBe('abc')
  })

  it('decodes hex of either case and refuses bad hex with a clear TineError', () => {
    expect(Array.from(hexToBytes('00fFa0'))).toEqual([0, 255, 160])
    expect(() => hexToBytes('abc')).toThrow(/odd length \(3 characters\)/)
    expect(() => hexToBytes('zz')).toThrow(TineError)
    expect(() => hexToBytes('0g')).toThrow(/"g" at position 1/)
  })
})

// Guards the helper itself: a verdict for an object root that is not a .tine document.
it('verifySignature never throws on odd documents', () => {
  const odd = [null, 'text', 5n, []] as unknown as JsonObject[]
  for (const value of odd) expect(verifySignature(value, FIXTURE_KEYS).state).toBe('error')
  const metadataArray = deepCopy(load(fixture('golden/golden_v2.tine')))
  metadataArray.metadata = []
  expect(verifySignature(metadataArray, FIXTURE_KEYS).reason).toBe('artifact metadata is not an object')
})
