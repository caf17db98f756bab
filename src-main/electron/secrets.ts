/**
 * API keys the user enters in Settings, encrypted with Electron's safeStorage (the OS keychain,
 * DPAPI or libsecret) and kept in userData/secrets.json as base64 ciphertext, mode 0600.
 * The renderer may learn which keys are set (`listSet`), never a value: keys are read only by
 * the main/runner process to build providers and to redact saved runs.
 */
import { safeStorage } from 'electron'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from '../store/atomic-write'
import { isSecretName, type SecretName, type SecretStore } from '../agents/providers/keys'

/** The part of safeStorage this store uses (injectable for tests). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

export type EncryptionStatus = 'strong' | 'weak' | 'unavailable'

export class SecretStoreError extends Error {}

interface SecretsFile {
  version: 1
  secrets: Record<string, string>
}

export function secretsFile(userDataDir: string): string {
  return path.join(userDataDir, 'secrets.json')
}

export class ElectronSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher = safeStorage,
    /** Linux without a keyring falls back to a fixed password ("basic_text"); refused unless allowed. */
    private readonly allowWeakEncryption = false
  ) {}

  encryptionStatus(): EncryptionStatus {
    if (!this.cipher.isEncryptionAvailable()) return 'unavailable'
    return this.cipher.getSelectedStorageBackend?.() === 'basic_text' ? 'weak' : 'strong'
  }

  async getSecret(name: string): Promise<string | undefined> {
    if (!isSecretName(name)) return undefined
    const stored = (await this.read()).secrets[name]
    if (typeof stored !== 'string' || !this.cipher.isEncryptionAvailable()) return undefined
    try {
      return this.cipher.decryptString(Buffer.from(stored, 'base64'))
    } catch {
      // Encrypted under another OS account or keyring: as good as unset; the user re-enters it.
      return undefined
    }
  }

  async setSecret(name: SecretName, value: string): Promise<void> {
    if (!isSecretName(name)) throw new SecretStoreError(`unknown setting "${name}"`)
    const trimmed = value.trim()
    if (!trimmed) return this.deleteSecret(name)
    const status = this.encryptionStatus()
    if (status === 'unavailable')
      throw new SecretStoreError('this system offers no secure storage; set the key as an environment variable instead')
    if (status === 'weak' && !this.allowWeakEncryption) {
      throw new SecretStoreError(
        'no OS keyring is available, so the key cannot be stored securely; set it as an environment variable instead'
      )
    }
    const contents = await this.read()
    contents.secrets[name] = this.cipher.encryptString(trimmed).toString('base64')
    await this.write(contents)
  }

  async deleteSecret(name: SecretName): Promise<void> {
    const contents = await this.read()
    if (!(name in contents.secrets)) return
    delete contents.secrets[name]
    await this.write(contents)
  }

  /** Names that hold a value: all the renderer may know. */
  async listSet(): Promise<SecretName[]> {
    return Object.keys((await this.read()).secrets).filter(isSecretName)
  }

  private async read(): Promise<SecretsFile> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<SecretsFile>
      const secrets: Record<string, string> = Object.create(null)
      if (parsed && typeof parsed.secrets === 'object' && parsed.secrets !== null) {
        for (const [key, value] of Object.entries(parsed.secrets))
          if (isSecretName(key) && typeof value === 'string') secrets[key] = value
      }
      return { version: 1, secrets }
    } catch {
      return { version: 1, secrets: Object.create(null) }
    }
  }

  private async write(contents: SecretsFile): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true })
    // Created 0600 first; the atomic rewrite keeps an existing file's mode.
    await fs.writeFile(this.file, '', { flag: 'a', mode: 0o600 })
    await fs.chmod(this.file, 0o600)
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, secrets: { ...contents.secrets } }, null, 2) + '\n')
  }
}
