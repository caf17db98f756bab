/**
 * `tine replay RUN --mode cache`: a deterministic fork that reuses the recorded steps (spec §16),
 * with --inspect/--dry-run to preview it and --verify to prove the replay is faithful.
 * `--mode rerun` re-executes the run through its agent in a runner process: every model and tool
 * call whose request matches the record is served from it, the rest go to the provider; the
 * result is a new run with a fresh id, and the source is never modified.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { isObject, obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { cachedReplay, verifyReplay, type ReplayVerification } from '../../../src-shared/run/cached-replay'
import { shortId } from '../../../src-shared/run/format'
import type { Run } from '../../../src-shared/run/run'
import { EXIT_FAILED, UsageError, UserError } from '../errors'
import { setExitCode } from '../exit-status'
import { int, integrityJson } from '../json-views'
import { out, outJson } from '../output'
import { recordIntegrityOverride, tamperReason } from '../../../src-shared/run/tamper'
import { guardIntegrity, openRun, outputPathFor, writeNewRun } from '../run-io'
import { chooseStep } from '../step-arg'
import { stepLabel } from '../tree'
import { driftJson } from './diff'
import { chooseAgent } from '../agent-choice'
import { reportRun, runThroughRunner } from './run'
import { recoverRun } from '../../store/journal-recover'
import { resolveRunArgument } from '../../store/run-lookup'
import { messageOf } from '../../../src-shared/tine/errors'

interface ReplayFlags {
  fromStep?: string
  mode: string
  agent?: string
  baseUrl?: string
  prompt?: string
  inspect?: boolean
  dryRun?: boolean
  save?: string
  force?: boolean
  verify?: boolean
  ignoreCostDrift?: boolean
  json?: boolean
}

function replayPoint(source: Run, fromStep: string | undefined): string {
  if (fromStep !== undefined) return chooseStep(source, fromStep).id
  const last = source.lastStep()
  if (!last) throw new UserError(`run ${shortId(source.id)} has no steps to replay`)
  return last.id
}

function verifyJson(report: ReplayVerification, source: Run, file: string, ignoreCostDrift: boolean): JsonObject {
  const { integrity } = report
  return obj({
    accounting_drift: report.accountingDrift,
    command: 'replay-verify',
    drift: driftJson(report.drift),
    expected_steps: int(report.expectedSteps),
    fork_point: report.forkPoint,
    identity_ok: report.identityOk,
    ignore_cost_drift: ignoreCostDrift,
    integrity: integrityJson(integrity),
    mode: 'cache',
    ok: report.ok,
    path: file,
    replay_id: report.replayId,
    reused_steps: int(report.reusedSteps),
    run_id: source.id,
    second_id: report.secondId,
    short_id: shortId(source.id),
    slice_ok: report.sliceOk,
    structural_drift: report.structuralDrift
  })
}

function printVerify(report: ReplayVerification, source: Run, ignoreCostDrift: boolean): void {
  const mark = (ok: boolean) => (ok ? 'ok' : 'FAILED')
  out(
    `${report.ok ? 'OK' : 'FAILED'} replay of ${shortId(source.id)} from step ${shortId(report.forkPoint)} (mode cache)`
  )
  out(
    `  identity: ${mark(report.identityOk)} (${shortId(report.replayId)}, derived again: ${shortId(report.secondId)})`
  )
  out(`  slice: ${mark(report.sliceOk)} (${report.reusedSteps} reused of ${report.expectedSteps} expected)`)
  out(`  integrity: ${mark(report.integrity.ok)} (${report.integrity.reason})`)
  const { drift } = report
  const structural = [
    ...drift.structural,
    ...drift.only_source.map((id) => `${id} only in source`),
    ...drift.only_replay.map((id) => `${id} only in replay`)
  ]
  out(`  structural drift: ${structural.length ? structural.join('; ') : 'none'}`)
  out(
    `  accounting drift: ${drift.accounting.length ? drift.accounting.join('; ') : 'none'}${drift.accounting.length && ignoreCostDrift ? ' (ignored)' : ''}`
  )
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a run from its recorded steps (cache mode: a deterministic fork)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--from-step <step>', 'replay up to this step: index (digits) or id / prefix; default the last step')
    .option(
      '--mode <mode>',
      'cache (a deterministic fork) or rerun (re-execute through the agent, served from the record)',
      'cache'
    )
    .option(
      '--agent <script>',
      'with --mode rerun: the agent script (default: the one this machine started the run with)'
    )
    .option(
      '--base-url <url>',
      'with --mode rerun: the endpoint for an agent the app built (default: from the environment)'
    )
    .option('--prompt <text>', 'with --mode rerun: a different user prompt (later calls then miss the record)')
    .option('--inspect', 'list the steps the replay would reuse; write nothing')
    .option('--dry-run', 'same as --inspect')
    .option('--save <path>', 'write the replay here instead of .tine_runs/<run id>.tine')
    .option(
      '--force',
      'replace an existing target file; replay even when the integrity check fails (recorded in metadata.warnings)'
    )
    .option('--verify', 'check the replay is deterministic and faithful (exit 1 if not); write nothing')
    .option('--ignore-cost-drift', 'with --verify: accept cost/usage/billing differences')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: ReplayFlags) => {
      if (flags.mode === 'rerun') return rerun(argument, flags)
      if (flags.mode !== 'cache') throw new UsageError(`unknown --mode ${flags.mode}; use cache or rerun`)
      if (flags.verify && (flags.inspect || flags.dryRun))
        throw new UsageError('use either --verify or --inspect/--dry-run')
      const { run: source, path: file, bytes } = await openRun(argument)
      const point = replayPoint(source, flags.fromStep)

      if (flags.verify) {
        const report = verifyReplay(bytes, point, Boolean(flags.ignoreCostDrift))
        if (flags.json) outJson(verifyJson(report, source, file, Boolean(flags.ignoreCostDrift)))
        else printVerify(report, source, Boolean(flags.ignoreCostDrift))
        if (!report.ok) setExitCode(EXIT_FAILED)
        return
      }

      const preview = Boolean(flags.inspect || flags.dryRun)
      const forced = preview ? null : guardIntegrity(source, file, 'replay', Boolean(flags.force))
      const result = cachedReplay(source, point)
      if (forced) recordIntegrityOverride(result.run, source, 'replay', forced)
      const target = outputPathFor(result.run.id, flags.save)
      if (flags.json) {
        if (!preview) await writeNewRun(result.run, target, Boolean(flags.force))
        outJson(
          obj({
            command: 'replay',
            dry_run: preview,
            fork_point: result.forkPoint,
            mode: 'cache',
            path: preview ? null : target,
            retained: [...result.retained],
            reused_steps: int(result.retained.length),
            run_id: result.run.id,
            short_id: shortId(result.run.id),
            source_run: source.id
          })
        )
        return
      }
      if (preview) {
        out(
          `Replay of ${shortId(source.id)} from step ${shortId(result.forkPoint)} (mode cache) -> ${shortId(result.run.id)}`
        )
        for (const id of result.retained) {
          const step = source.getStep(id)!
          const label = stepLabel(step)
          out(
            `  ${step.kind.padEnd(5)} ${shortId(id)}${label ? ' ' + label : ''}`.replace(/[\u0000-\u001f\u007f]/g, '?')
          )
        }
        out(`would reuse ${result.retained.length} recorded steps`)
        return
      }
      await writeNewRun(result.run, target, Boolean(flags.force))
      out(`Replayed ${shortId(source.id)} -> ${shortId(result.run.id)} from step ${shortId(result.forkPoint)}`)
      out(`Reused ${result.retained.length} recorded steps`)
      out(`Saved to ${target}`)
    })
}

async function rerun(argument: string, flags: ReplayFlags): Promise<void> {
  if (flags.fromStep !== undefined || flags.inspect || flags.dryRun || flags.verify) {
    throw new UsageError('--from-step, --inspect, --dry-run and --verify apply to --mode cache')
  }
  const file = await resolveRunArgument(argument)
  let source: Run
  try {
    source = await recoverRun(file)
  } catch (error) {
    throw new UserError(`${file}: ${messageOf(error)}`)
  }
  const tampered = tamperReason(source)
  if (tampered)
    throw new UserError(
      `refusing to re-run ${file}: integrity check failed (${tampered}); its steps would be served as if recorded`
    )
  const agent = await chooseAgent(source, flags, 're-run')
  if (!agent)
    throw new UserError(
      `cannot re-run ${shortId(source.id)}: this machine did not start it; pass --agent SCRIPT to choose the agent`
    )
  if (flags.save && existsSync(flags.save) && !flags.force)
    throw new UserError(`${flags.save} already exists (use --force to overwrite)`)
  const outcome = await runThroughRunner({
    mode: 'rerun',
    sourceFile: path.resolve(file),
    ...agent,
    prompt: flags.prompt,
    file: flags.save ? path.resolve(flags.save) : undefined
  })
  const replay = (await recoverRun(outcome.file)).metadata.replay
  const served = isObject(replay) && Array.isArray(replay.served_from_record) ? replay.served_from_record.length : 0
  if (!flags.json)
    out(
      `Re-ran ${shortId(source.id)} -> ${shortId(outcome.runId)}: ${served} of ${outcome.stepCount} steps served from the record`
    )
  await reportRun(
    outcome,
    Boolean(flags.json),
    'replay',
    obj({ mode: 'rerun', source_run: source.id, served_from_record: int(served) })
  )
}
