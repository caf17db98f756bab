/**
 * `tine migrate RUN`: show (default) or write the v2 form of a v1 or legacy 0.1.0 artifact
 * (spec §12). A source whose digest fails is refused unless --force.
 */
import type { Command } from 'commander'
import { isObject } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import { runToDocument } from '../../../src-shared/run/save'
import { FORMAT_VERSION } from '../../../src-shared/tine/version'
import { parseArtifactBytes } from '../../../src-shared/tine/parse'
import { saveRun } from '../../store/run-file'
import { UsageError } from '../errors'
import { out, warn } from '../output'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { guardIntegrity, openRun } from '../run-io'

interface MigrateFlags {
  to: string
  dryRun?: boolean
  inPlace?: boolean
  save?: string
  force?: boolean
}

const SOURCE_VERSION: Record<string, string> = { v2: '2', v1: '1', 'legacy-0.1.0': '0.1.0 (legacy linear)' }

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('convert a run to format_version 2 (preview unless --in-place or --save)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--to <version>', 'target format_version (only 2)', '2')
    .option('--dry-run', 'only show what would change (the default)')
    .option('--in-place', 'rewrite the input file')
    .option('--save <path>', 'write the migrated run here')
    .option('--force', 'migrate even when the integrity check fails; replace an existing --save target')
    .action(async (argument: string, flags: MigrateFlags) => {
      if (flags.to !== String(FORMAT_VERSION))
        throw new UsageError(`--to ${flags.to} is not supported; the only target is ${FORMAT_VERSION}`)
      if (flags.inPlace && flags.save) throw new UsageError('use either --in-place or --save PATH')
      const { run, path, bytes } = await openRun(argument)
      const forced = guardIntegrity(run, path, 'migrate', Boolean(flags.force))
      if (forced) recordIntegrityOverride(run, run, 'migrate', forced)
      const original = parseArtifactBytes(bytes)
      const oldIntegrity =
        isObject(original) && isObject(original.metadata) && isObject(original.metadata.integrity)
          ? original.metadata.integrity
          : null
      const oldDigest =
        oldIntegrity && typeof oldIntegrity.digest === 'string' ? oldIntegrity.digest.slice(0, 12) : 'none'
      const document = runToDocument(run)
      const newIntegrity = document.metadata as { integrity?: { digest?: string; signature?: unknown } }
      const newDigest = String(newIntegrity.integrity?.digest ?? '').slice(0, 12)
      const signatureDropped = oldIntegrity?.signature !== undefined && newIntegrity.integrity?.signature === undefined

      out(`${shortId(run.id)} ${path}`)
      out(`format_version: ${SOURCE_VERSION[run.provenance.sourceFormat] ?? '?'} -> ${FORMAT_VERSION}`)
      out(`digest: ${oldDigest} -> ${newDigest}`)
      if (signatureDropped) warn('the signature is dropped by the migration; sign the result again with `tine sign`')
      const write = !flags.dryRun && (flags.inPlace || flags.save)
      if (!write) {
        out('(preview only; pass --in-place or --save PATH to write)')
        return
      }
      const target = flags.inPlace ? path : flags.save!
      await saveRun(run, target, { exclusive: !flags.inPlace && !flags.force })
      out(`Saved to ${target}`)
    })
}
