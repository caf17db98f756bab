/** `tine keygen`: a fresh Ed25519 signing seed and its public key, as hex (spec §17). */
import type { Command } from 'commander'
import { bytesToHexString } from '../../../src-shared/tine/hash'
import { ed25519PublicKeyFromSeed, generateEd25519Seed } from '../../../src-shared/tine/signature'
import { writeFileAtomic } from '../../store/atomic-write'
import { out, warn } from '../output'

interface KeygenFlags {
  out?: string
  pub?: string
  force?: boolean
}

/** The seed is a secret: the temp file is created owner-only, so it is never readable by others. */
async function writeSecret(file: string, text: string, force: boolean): Promise<void> {
  const previous = process.umask(0o077)
  try {
    await writeFileAtomic(file, text, { exclusive: !force })
  } finally {
    process.umask(previous)
  }
}

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('generate an Ed25519 key pair for `tine sign --algorithm ed25519`')
    .option('--out <file>', 'write the secret seed (hex) here, readable only by you')
    .option('--pub <file>', 'write the public key (hex) here, for `tine verify --pubkey`')
    .option('--force', 'replace existing files')
    .action(async (flags: KeygenFlags) => {
      const seed = generateEd25519Seed()
      const seedHex = bytesToHexString(seed)
      const publicHex = bytesToHexString(ed25519PublicKeyFromSeed(seed))
      if (flags.out) {
        await writeSecret(flags.out, seedHex + '\n', Boolean(flags.force))
        out(`Wrote secret seed to ${flags.out}`)
      } else {
        warn('no --out given: the secret seed is printed below; store it safely')
        out(`seed: ${seedHex}`)
      }
      if (flags.pub) {
        await writeFileAtomic(flags.pub, publicHex + '\n', { exclusive: !flags.force })
        out(`Wrote public key to ${flags.pub}`)
      }
      out(`public_key: ${publicHex}`)
    })
}
