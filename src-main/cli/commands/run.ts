/**
 * `tine run SCRIPT`: runs the Agent a script exports, in a runner child process, saving the run
 * with per-step checkpoints to `.tine_runs/<run id>.tine`; prints the tree, the agent's final answer
 * and, last, `Saved: <path>`.
 * Ctrl-C cancels (the completed steps are saved, status paused); a second Ctrl-C kills.
 * Also home of the helpers `tine resume` and `tine replay --mode rerun` share with it.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { isObject, obj, str, type JsonObject } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import type { Run } from '../../../src-shared/run/run'
import { resolveCredentials } from '../../agents/providers/keys'
import { startRunner } from '../../agents/runner/controller'
import type { ChildMessage, RunnerOptions, RunnerOutcome } from '../../agents/runner/protocol'
import { recoverRun } from '../../store/journal-recover'
import { recordLocalRun } from '../../store/local-runs'
import { userDataDir } from '../../store/user-data-dir'
import { localAgentOf } from '../agent-choice'
import { UserError } from '../errors'
import { out, outJson, warn } from '../output'
import { renderTree } from '../tree'
import { messageOf } from '../../../src-shared/tine/errors'

interface RunFlags {
  prompt?: string
  save?: string
  force?: boolean
  json?: boolean
}

/** Runs the runner to its end with Ctrl-C wired to cancel; runner failures become one-line errors. */
export async function runThroughRunner(options: RunnerOptions): Promise<RunnerOutcome> {
  // Keys from the environment go along even to script agents: the writer redacts them everywhere.
  // Recorded as soon as the run file exists, so a run killed mid-way can still be resumed.
  const local = options.mode === 'continue' && !options.agentScript ? undefined : await localAgentOf(options)
  let recorded: Promise<void> = Promise.resolve()
  const onMessage = (message: ChildMessage) => {
    if (message.type !== 'status' || !local) return
    const entry = { runId: message.runId, file: message.file, agent: local, recordedAt: new Date().toISOString() }
    recorded = recorded
      .then(() => recordLocalRun(userDataDir(), entry))
      .catch((error) => warn(`could not record the run in ${userDataDir()}: ${(error as Error).message}`))
  }
  const handle = startRunner({ apiKeys: await environmentKeys(), ...options }, { cwd: process.cwd(), onMessage })
  let interrupts = 0
  const onInterrupt = () => {
    interrupts++
    if (interrupts === 1) {
      warn('cancelling: the completed steps are saved; press Ctrl-C again to stop at once')
      handle.cancel()
    } else handle.kill()
  }
  process.on('SIGINT', onInterrupt)
  try {
    const outcome = await handle.done
    await recorded
    return outcome
  } catch (error) {
    await recorded
    throw new UserError(messageOf(error))
  } finally {
    process.off('SIGINT', onInterrupt)
  }
}

/** API keys from the environment, by provider id, for agents built from a recorded spec. */
export async function environmentKeys(): Promise<Record<string, string>> {
  const credentials = await resolveCredentials(process.env)
  const keys: Record<string, string> = {}
  if (credentials.anthropic) keys.anthropic = credentials.anthropic.apiKey
  if (credentials.openai) keys.openai = credentials.openai.apiKey
  if (credentials.compatible?.apiKey) keys['openai-compatible'] = credentials.compatible.apiKey
  return keys
}

/** Loads the run a runner wrote (journal included) and prints the CLI's closing lines. */
export async function reportRun(
  outcome: RunnerOutcome,
  json: boolean,
  command: string,
  extra: JsonObject = obj({})
): Promise<Run> {
  const run = await recoverRun(outcome.file)
  const shown = path.relative(process.cwd(), outcome.file) || outcome.file
  const displayPath = shown.startsWith('..') ? outcome.file : shown
  const answer = finalAnswer(run)
  if (json) {
    outJson(
      obj({
        answer,
        command,
        path: displayPath,
        run_id: run.id,
        short_id: shortId(run.id),
        status: run.status,
        steps: BigInt(run.stepCount),
        needs_review: run.metadata.needs_review,
        ...extra
      })
    )
    return run
  }
  for (const line of renderTree(run)) out(line)
  out()
  if (answer !== null) out(`Answer: ${readableText(answer)}`)
  else out(`No final answer: the run is ${run.status}.`)
  // Last, where a terminal leaves it in view: the file to open with `tine show` or the app.
  out(`Saved: ${displayPath}`)
  if (outcome.needsReview !== undefined) {
    const review = run.metadata.needs_review
    const reason = isObject(review) ? str(review.reason) : ''
    warn(
      `run ${shortId(run.id)} is parked for review: ${reason}; continue with \`tine resume ${shortId(run.id)} --review rerun|skip\` or \`--result JSON\``
    )
  } else if (outcome.cancelled)
    warn(`run ${shortId(run.id)} was cancelled; continue it with \`tine resume ${shortId(run.id)}\``)
  return run
}

/** What the agent finally said: the text of the last done step (its own words, else the text it was given). */
export function finalAnswer(run: Run): string | null {
  const steps = run.steps
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]
    if (step.kind !== 'done') continue
    for (const text of [step.outputs.text, step.inputs.text])
      if (typeof text === 'string' && text.trim() !== '') return text.trim()
  }
  return null
}

/** A run's text is untrusted: keep its line breaks and tabs, neutralise every other control character. */
function readableText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, '?')
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run an agent script (its default export is an Agent) and save the run with per-step checkpoints')
    .argument('<script>', 'a .ts or .js file exporting an Agent (default export or `agent`)')
    .option('--prompt <text>', "the user prompt (default: the script's `prompt` export)")
    .option('--save <path>', 'write the run here instead of .tine_runs/<run id>.tine')
    .option('--force', 'replace an existing --save target')
    .option('--json', 'print one JSON object')
    .action(async (script: string, flags: RunFlags) => {
      if (!existsSync(script)) throw new UserError(`no such agent script: ${script}`)
      if (flags.save && existsSync(flags.save) && !flags.force)
        throw new UserError(`${flags.save} already exists (use --force to overwrite)`)
      const outcome = await runThroughRunner({
        mode: 'run',
        agentScript: path.resolve(script),
        prompt: flags.prompt,
        file: flags.save ? path.resolve(flags.save) : undefined
      })
      await reportRun(outcome, Boolean(flags.json), 'run')
    })
}
