/** `tine sign RUN`: re-save with a fresh tine-sig/2 block (spec §11, §17). */
import type { Command } from 'commander'
import { shortId } from '../../../src-shared/run/format'
import { signRun } from '../../../src-shared/run/sign'
import { hexToBytes } from '../../../src-shared/tine/signature'
import { writeFileAtomic } from '../../store/atomic-write'
import { UsageError, UserError } from '../errors'
import { hexKeyFromFile, keyFromEnv, keyFromFile, onlyOne } from '../keys'
import { out } from '../output'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { guardIntegrity, openRun, outputPathFor } from '../run-io'

interface SignFlags {
  algorithm: string
  keyEnv?: string
  keyFile?: string
  ed25519KeyFile?: string
  keyId?: string
  signer?: string
  save?: string
  overwrite?: boolean
  force?: boolean
}

const ALGORITHMS = ['hmac-sha256', 'ed25519'] as const
type Algorithm = (typeof ALGORITHMS)[number]

async function signingKey(algorithm: Algorithm, flags: SignFlags): Promise<Uint8Array> {
  onlyOne({ '--key-env': flags.keyEnv, '--key-file': flags.keyFile, '--ed25519-key-file': flags.ed25519KeyFile })
  if (algorithm === 'hmac-sha256') {
    if (flags.ed25519KeyFile) throw new UsageError('--ed25519-key-file needs --algorithm ed25519')
    if (flags.keyEnv) return keyFromEnv(flags.keyEnv)
    if (flags.keyFile) return keyFromFile(flags.keyFile)
    throw new UsageError('hmac-sha256 signing needs --key-env VAR or --key-file FILE')
  }
  const file = flags.ed25519KeyFile ?? flags.keyFile
  if (file) return hexKeyFromFile(file, 32, 'an Ed25519 seed')
  if (flags.keyEnv) {
    const hex = new TextDecoder().decode(keyFromEnv(flags.keyEnv)).trim()
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new UserError(`${flags.keyEnv} must hold a 64-hex-character Ed25519 seed`)
    return hexToBytes(hex)
  }
  throw new UsageError('ed25519 signing needs --ed25519-key-file FILE (a hex seed, see `tine keygen`)')
}

export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('sign a completed or failed run with a tine-sig/2 signature')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--algorithm <alg>', 'hmac-sha256 or ed25519', 'hmac-sha256')
    .option('--key-env <var>', 'HMAC key from this environment variable')
    .option('--key-file <file>', 'HMAC key file (raw bytes, one trailing newline ignored)')
    .option('--ed25519-key-file <file>', 'Ed25519 seed file (64 hex characters)')
    .option('--key-id <id>', 'key id recorded in the signature')
    .option('--signer <name>', 'signer recorded in the signature')
    .option('--save <path>', 'write the signed run here')
    .option('--overwrite', 'replace the input file')
    .option('--force', 'sign even when the integrity check fails; replace an existing --save target')
    .action(async (argument: string, flags: SignFlags) => {
      if (!(ALGORITHMS as readonly string[]).includes(flags.algorithm))
        throw new UsageError(`unknown --algorithm ${flags.algorithm}; use hmac-sha256 or ed25519`)
      if (flags.save && flags.overwrite) throw new UsageError('use either --save PATH or --overwrite')
      const algorithm = flags.algorithm as Algorithm
      const key = await signingKey(algorithm, flags)
      const { run, path } = await openRun(argument)
      const forced = guardIntegrity(run, path, 'sign', Boolean(flags.force))
      if (forced) recordIntegrityOverride(run, run, 'sign', forced)
      const text = signRun(run, { algorithm, key, keyId: flags.keyId, signer: flags.signer })
      const target = flags.overwrite ? path : outputPathFor(run.id, flags.save)
      const exclusive = !flags.overwrite && !flags.force
      if (exclusive && target === path) {
        throw new UserError(
          `${target} already exists (it is the input); pass --overwrite to sign in place or --save PATH`
        )
      }
      await writeFileAtomic(target, text, { exclusive })
      const parts = [`alg=${algorithm}`, 'scheme=tine-sig/2']
      if (flags.keyId) parts.push(`key_id=${flags.keyId}`)
      if (flags.signer) parts.push(`signer=${flags.signer}`)
      out(`Signed ${shortId(run.id)} ${parts.join(' ')}`)
      out(`Saved to ${target}`)
    })
}
