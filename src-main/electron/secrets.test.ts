import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// The Electron binary cannot run here; safeStorage is replaced by a reversible test cipher.
vi.mock('electron', () => ({ safeStorage: undefined }))

const { ElectronSecretStore, secretsFile } = await import('./secrets')
const { SECRET_NAMES } = await import('../agents/providers/keys')

function testCipher(backend = 'gnome_libsecret', available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) =>
      Buffer.from(`enc:${Buffer.from(text).toString('hex').split('').reverse().join('')}`),
    decryptString: (data: Buffer) => {
      const text = data.toString()
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt')
      return Buffer.from(text.slice(4).split('').reverse().join(''), 'hex').toString()
    }
  }
}

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })))
})

async function tempFile(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-secrets-'))
  dirs.push(dir)
  return secretsFile(dir)
}

describe('ElectronSecretStore', () => {
  const KEY = 'sk-ant-settings-key-0123456789abcdef'

  it('stores keys encrypted in a 0600 file and reads them back', async () => {
    const file = await tempFile()
    const store = new ElectronSecretStore(file, testCipher())
    expect(await store.getSecret(SECRET_NAMES.anthropicApiKey)).toBeUndefined()
    await store.setSecret(SECRET_NAMES.anthropicApiKey, `  ${KEY}\n`)
    expect(await store.getSecret(SECRET_NAMES.anthropicApiKey)).toBe(KEY)
    expect(await new ElectronSecretStore(file, testCipher()).getSecret(SECRET_NAMES.anthropicApiKey)).toBe(KEY)
    const onDisk = await fs.readFile(file, 'utf8')
    expect(onDisk).not.toContain(KEY)
    expect(onDisk).toContain('anthropic_api_key')
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
    expect(await store.listSet()).toEqual(['anthropic_api_key'])
    await store.setSecret(SECRET_NAMES.anthropicApiKey, '')
    expect(await store.getSecret(SECRET_NAMES.anthropicApiKey)).toBeUndefined()
    expect(await store.listSet()).toEqual([])
  })

  it('refuses to store a key without real encryption, and treats undecryptable or damaged data as unset', async () => {
    const file = await tempFile()
    await expect(
      new ElectronSecretStore(file, testCipher('basic_text')).setSecret(SECRET_NAMES.openaiApiKey, KEY)
    ).rejects.toThrow(/no OS keyring/)
    await expect(
      new ElectronSecretStore(file, testCipher('x', false)).setSecret(SECRET_NAMES.openaiApiKey, KEY)
    ).rejects.toThrow(/no secure storage/)
    await expect(new ElectronSecretStore(file, testCipher()).setSecret('password' as never, KEY)).rejects.toThrow(
      /unknown setting/
    )
    await fs.writeFile(
      file,
      JSON.stringify({ version: 1, secrets: { openai_api_key: Buffer.from('garbage').toString('base64'), other: 'x' } })
    )
    const store = new ElectronSecretStore(file, testCipher())
    expect(await store.getSecret(SECRET_NAMES.openaiApiKey)).toBeUndefined()
    expect(await store.getSecret('other')).toBeUndefined()
    await fs.writeFile(file, '{not json')
    expect(await store.listSet()).toEqual([])
  })
})
