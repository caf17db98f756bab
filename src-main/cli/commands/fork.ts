/**
 * `tine fork RUN --from-step S`: a new run holding the chosen point and its ancestry (spec §9).
 * An index forks *before* that step (the step is retried, as `tine fork` always did); an id forks
 * *after* it (what opentine's API means by forking at a step). --before / --after override the default.
 */
import type { Command } from 'commander'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { forkRun, type ForkMode } from '../../../src-shared/run/fork'
import { shortId } from '../../../src-shared/run/format'
import { UsageError } from '../errors'
import { int } from '../json-views'
import { out, outJson } from '../output'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { guardIntegrity, openRun, outputPathFor, writeNewRun } from '../run-io'
import { chooseStep, indexRanges } from '../step-arg'
import { renderTree } from '../tree'

interface ForkFlags {
  fromStep: string
  before?: boolean
  after?: boolean
  branch?: string
  reason?: string
  save?: string
  force?: boolean
  json?: boolean
}

/** The intent hashed into the fork id (spec §9.2): the CLI's, or the GUI's reason form. */
function forkIntent(reason: string | undefined): JsonObject {
  return reason !== undefined ? obj({ reason }) : obj({ harness: null, prompt: null })
}

export function registerFork(program: Command): void {
  program
    .command('fork')
    .description('create a new run from a step of an existing one')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .requiredOption('--from-step <step>', 'step index (0-based, digits only) or step id / prefix')
    .option('--before', 'fork before the step, so it is retried (default for an index)')
    .option('--after', 'fork after the step, keeping it (default for an id)')
    .option('--branch <name>', 'branch name for the fork point ref', 'main')
    .option('--reason <text>', 'why you fork; recorded in the fork identity')
    .option('--save <path>', 'write the new run here instead of .tine_runs/<run id>.tine')
    .option(
      '--force',
      'replace an existing target file; fork even when the integrity check fails (recorded in metadata.warnings)'
    )
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: ForkFlags) => {
      if (flags.before && flags.after) throw new UsageError('use either --before or --after')
      if (flags.branch === '') throw new UsageError('--branch needs a non-empty name')
      const { run: source, path: sourcePath } = await openRun(argument)
      const forced = guardIntegrity(source, sourcePath, 'fork', Boolean(flags.force))
      const choice = chooseStep(source, flags.fromStep)
      const mode: ForkMode = flags.before ? 'before' : flags.after ? 'after' : choice.byIndex ? 'before' : 'after'
      const result = forkRun(source, { at: choice.id, mode, branch: flags.branch, intent: forkIntent(flags.reason) })
      if (flags.reason !== undefined) result.run.metadata.fork_reason = flags.reason
      if (forced) recordIntegrityOverride(result.run, source, 'fork', forced)
      const target = outputPathFor(result.run.id, flags.save)
      await writeNewRun(result.run, target, Boolean(flags.force))

      const position = new Map(source.order.map((id, index) => [id, index]))
      const indices = result.retained.map((id) => position.get(id)!)
      if (flags.json) {
        outJson(
          obj({
            command: 'fork',
            fork_point: result.forkPoint,
            mode,
            path: target,
            retained: [...result.retained],
            retained_indices: indices.map(int),
            run_id: result.run.id,
            short_id: shortId(result.run.id),
            source: obj({ path: sourcePath, run_id: source.id, short_id: shortId(source.id) }),
            status: result.run.status
          })
        )
        return
      }
      out(`Forking ${shortId(source.id)} from step ${flags.fromStep}...`)
      out(`Created new run: ${shortId(result.run.id)}`)
      out(`Ancestors: ${indices.length === 1 ? 'step' : 'steps'} ${indexRanges(indices)} preserved`)
      out(`Saved to ${target}`)
      out()
      for (const line of renderTree(result.run)) out(line)
    })
}
