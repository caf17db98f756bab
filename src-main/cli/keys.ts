/** Key material from flags: environment variables, key files, hex public keys (spec §11, §17). */
import { promises as fs } from 'node:fs'
import { hexToBytes, parseKeyFileText, publicKeyMaterialReason } from '../../src-shared/tine/signature'
import { UsageError, UserError } from './errors'
import { messageOf } from '../../src-shared/tine/errors'

/** The bytes of an environment variable's value (UTF-8), refusing unset or empty variables. */
export function keyFromEnv(name: string): Uint8Array {
  const value = process.env[name]
  if (value === undefined) throw new UserError(`environment variable ${name} is not set`)
  if (value === '') throw new UserError(`environment variable ${name} is empty`)
  const reason = publicKeyMaterialReason(value)
  if (reason) throw new UserError(`refusing ${name} as an HMAC key: ${reason}`)
  return new TextEncoder().encode(value)
}

async function readKeyFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(
      code === 'ENOENT' ? `no such key file: ${file}` : `cannot read key file ${file}: ${code ?? String(error)}`
    )
  }
}

/** A raw key file: its bytes, minus exactly one trailing LF (opentine's rule). */
export async function keyFromFile(file: string): Promise<Uint8Array> {
  const bytes = await readKeyFile(file)
  const reason = publicKeyMaterialReason(new TextDecoder().decode(bytes.subarray(0, 4096)), file)
  if (reason) throw new UserError(`refusing ${file} as an HMAC key: ${reason}`)
  return bytes.length && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 1) : bytes
}

/** A file holding hex (an Ed25519 seed or public key) of an exact byte length. */
export async function hexKeyFromFile(file: string, bytes: number, what: string): Promise<Uint8Array> {
  const text = parseKeyFileText(new TextDecoder().decode(await readKeyFile(file))).trim()
  let key: Uint8Array
  try {
    key = hexToBytes(text)
  } catch (error) {
    throw new UserError(`${file}: ${what} must be hex: ${messageOf(error)}`)
  }
  if (key.length !== bytes)
    throw new UserError(`${file}: ${what} must be ${bytes} bytes (${bytes * 2} hex characters), found ${key.length}`)
  return key
}

/** Refuses two flags that name the same thing. */
export function onlyOne(flags: Record<string, unknown>): void {
  const given = Object.keys(flags).filter((name) => flags[name] !== undefined && flags[name] !== false)
  if (given.length > 1) throw new UsageError(`use only one of ${given.join(', ')}`)
}
