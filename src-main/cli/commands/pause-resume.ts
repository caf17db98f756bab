/**
 * `tine pause RUN` / `tine resume RUN`: change the status and re-save in place, atomically.
 * Resume refuses unless the run was recorded as resumable (`manifest.resume`, spec §17). A run
 * our runner recorded (metadata.agent) is continued through its agent from where it stopped.
 */
import path from 'node:path'
import type { Command } from 'commander'
import { needsReviewOf } from '../../../src-shared/agents/resume-point'
import type { Run } from '../../../src-shared/run/run'
import type { ReviewDecision, RunnerOptions } from '../../agents/runner/protocol'
import { recoverRun } from '../../store/journal-recover'
import { resolveRunArgument } from '../../store/run-lookup'
import { truthy } from '../../../src-shared/tine/integrity'
import { obj } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import { tamperReason } from '../../../src-shared/run/tamper'
import { UsageError, UserError } from '../errors'
import { out, outJson, warn } from '../output'
import { rewriteInPlace } from '../rewrite-in-place'
import { hadSignature } from '../run-io'
import { renderTree } from '../tree'
import { chooseAgent, type AgentFlags } from '../agent-choice'
import { reportRun, runThroughRunner } from './run'
import { messageOf } from '../../../src-shared/tine/errors'

function warnDropped(path: string): void {
  warn(`the signature of ${path} was dropped by the re-save; sign it again with \`tine sign\``)
}

export function registerPauseResume(program: Command): void {
  program
    .command('pause')
    .description('mark a run paused (re-saves the file in place)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--force', 'write even when the integrity check fails (recorded in metadata.warnings)')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: { json?: boolean; force?: boolean }) => {
      const path = await resolveRunArgument(argument)
      const { run, before } = await rewriteInPlace(path, {
        verb: 'pause',
        force: Boolean(flags.force),
        apply: (loaded) => ((loaded.status = 'paused'), true)
      })
      const previous = before.status
      if (hadSignature(run)) warnDropped(path)
      if (flags.json)
        outJson(
          obj({
            command: 'pause',
            path,
            previous_status: previous,
            run_id: run.id,
            short_id: shortId(run.id),
            status: run.status
          })
        )
      else out(`Paused ${shortId(run.id)} (was ${previous}); saved ${path}`)
    })

  program
    .command('resume')
    .description('continue a run recorded by our agent (through the agent), or mark a resumable run running again')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--prompt <text>', 'add a user turn before the model is asked again')
    .option('--agent <script>', 'continue with this agent script (default: the one this machine started the run with)')
    .option('--base-url <url>', 'the endpoint for an agent the app built (default: from the environment)')
    .option('--review <action>', 'for a run parked for review: rerun or skip the tool call in question')
    .option('--result <json>', "for a run parked for review: record this JSON as the tool call's result")
    .option('--force', 'mark it running even when the integrity check fails (recorded in metadata.warnings)')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: ResumeFlags) => {
      const file = await resolveRunArgument(argument)
      const recovered = await recoverForResume(file)
      const agent = await chooseAgent(recovered, flags, 'resume')
      // A run our runner seeded but whose first step never landed has no manifest yet.
      const seeded = Object.keys(recovered.manifest).length === 0 && agent !== undefined
      if (!truthy(recovered.manifest.resume) && !seeded) {
        throw new UserError(
          `refusing to resume ${shortId(recovered.id)}: its manifest does not allow resuming (manifest.resume is ${recovered.manifest.resume === undefined ? 'not set' : 'false'})`
        )
      }
      if (agent) {
        const reason = tamperReason(recovered)
        if (reason)
          throw new UserError(
            `refusing to resume ${file} through an agent: integrity check failed (${reason}); its steps would be sent to the model as if recorded`
          )
        return continueThroughAgent(file, recovered, agent, flags)
      }
      if (flags.prompt !== undefined || flags.review !== undefined || flags.result !== undefined) {
        throw new UserError(
          `cannot continue ${shortId(recovered.id)} through an agent: this machine did not start it; pass --agent SCRIPT`
        )
      }
      const shown = file
      const { run, before } = await rewriteInPlace(shown, {
        verb: 'resume',
        force: Boolean(flags.force),
        apply: (loaded) => ((loaded.status = 'running'), true)
      })
      const previous = before.status
      if (hadSignature(run)) warnDropped(shown)
      if (flags.json) {
        outJson(
          obj({
            command: 'resume',
            path: shown,
            previous_status: previous,
            run_id: run.id,
            short_id: shortId(run.id),
            status: run.status
          })
        )
        return
      }
      out(`Resumed ${shortId(run.id)} (was ${previous}); saved ${shown}`)
      for (const line of renderTree(run)) out(line)
    })
}

interface ResumeFlags extends AgentFlags {
  prompt?: string
  force?: boolean
  review?: string
  result?: string
  json?: boolean
}

async function recoverForResume(file: string): Promise<Run> {
  try {
    return await recoverRun(file)
  } catch (error) {
    throw new UserError(`${file}: ${messageOf(error)}`)
  }
}

function reviewDecision(flags: ResumeFlags): ReviewDecision | undefined {
  if (flags.review !== undefined && flags.result !== undefined) throw new UsageError('use either --review or --result')
  if (flags.result !== undefined) {
    try {
      return { action: 'result', result: JSON.parse(flags.result) }
    } catch {
      throw new UsageError('--result must be JSON (quote a string as \'"text"\')')
    }
  }
  if (flags.review === undefined) return undefined
  if (flags.review !== 'rerun' && flags.review !== 'skip')
    throw new UsageError(`unknown --review ${flags.review}; use rerun or skip (or --result JSON)`)
  return { action: flags.review }
}

/** Continues the run in place through its agent, in a runner process (spec 17's refusals first). */
async function continueThroughAgent(
  file: string,
  run: Run,
  agent: Pick<RunnerOptions, 'agentScript' | 'agentSpec'>,
  flags: ResumeFlags
): Promise<void> {
  const review = reviewDecision(flags)
  const parked = needsReviewOf(run.metadata)
  if (parked && !review) {
    throw new UserError(
      `refusing to resume ${shortId(run.id)}: it needs review (${parked.reason}); pass --review rerun|skip or --result JSON`
    )
  }
  if (!parked && review) throw new UserError(`run ${shortId(run.id)} has no tool call waiting for review`)
  if (run.status === 'completed' && flags.prompt === undefined) {
    throw new UserError(
      `run ${shortId(run.id)} is already completed; pass --prompt to continue it with a new user turn`
    )
  }
  const previous = run.status
  const outcome = await runThroughRunner({
    mode: 'continue',
    file: path.resolve(file),
    ...agent,
    prompt: flags.prompt,
    review
  })
  if (!flags.json) out(`Resumed ${shortId(run.id)} (was ${previous}) through its agent; now ${outcome.status}`)
  await reportRun(outcome, Boolean(flags.json), 'resume', obj({ previous_status: previous }))
}
