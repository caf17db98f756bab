/**
 * One agent run as the runner child performs it: pick the agent, the run and the file, attach the
 * journal checkpoint store, and run, continue or re-run. No IPC here (runner-main.ts does that),
 * so the same code is testable in-process.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Agent, AgentOptions } from '../../../src-shared/agents/agent'
import { ReplayCache } from '../../../src-shared/agents/replay-cache'
import { userTurn } from '../../../src-shared/agents/transcript'
import { NEEDS_REVIEW_KEY } from '../../../src-shared/agents/types'
import { stepSummary } from '../../../src-shared/api/run-view'
import { freshRunId } from '../../../src-shared/tine/ids'
import { fromPlain, type JsonObject } from '../../../src-shared/tine/json-value'
import { Run } from '../../../src-shared/run/run'
import type { Step } from '../../../src-shared/run/types'
import { JournalCheckpointStore } from '../../store/checkpoint-journal'
import { recoverRun } from '../../store/journal-recover'
import { agentFromSpec, AgentSourceError, loadAgentScript, withRunnerOptions, type LoadedAgent } from './agent-source'
import type { ChildMessage, RunnerOptions, RunnerOutcome } from './protocol'

export const DEFAULT_RUNS_DIR = '.tine_runs'
/** Where the runner records how the run's agent was built, so a resume can rebuild it. */
export const AGENT_ORIGIN_KEY = 'agent'

export interface AgentRunControl {
  /** Set once the agent exists; pause/cancel go through it. */
  agent?: Agent
}

export async function runAgent(
  options: RunnerOptions,
  emit: (message: ChildMessage) => void,
  control: AgentRunControl = {}
): Promise<RunnerOutcome> {
  const apiKeys = options.apiKeys ?? {}
  const loaded = await chooseAgent(options, apiKeys)
  // A re-run, and a continued fork that names its source (retry with changes), replay from the record.
  const source =
    options.mode === 'rerun' || (options.mode === 'continue' && options.sourceFile)
      ? await loadSource(options)
      : undefined
  const existing = options.mode === 'continue' ? await loadContinued(options) : undefined
  const runId = existing?.id ?? freshRunId(BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n))
  const file = existing
    ? path.resolve(options.file!)
    : path.resolve(options.file ?? path.join(options.runsDir ?? DEFAULT_RUNS_DIR, `${runId}.tine`))
  await mkdir(path.dirname(file), { recursive: true })

  const store = new JournalCheckpointStore(file, {
    secrets: Object.values(apiKeys),
    prepare: (run) => recordOrigin(run, loaded.origin)
  })
  const original = (loaded.agent as unknown as { options?: AgentOptions }).options?.onStep
  const overrides: Partial<AgentOptions> = {
    checkpoint: store,
    runId,
    onStep: (run: Run, step: Step) => {
      original?.(run, step)
      emit({ type: 'step', runId: run.id, file, step: stepSummary(step, run.stepCount - 1), stepCount: run.stepCount })
    }
  }
  if (source) overrides.replay = ReplayCache.fromRun(source)
  const agent = withRunnerOptions(loaded.agent, overrides)
  control.agent = agent

  let run: Run
  if (existing) {
    emit({ type: 'status', runId, file, status: 'running' })
    run = await agent.continueRun(existing, { prompt: options.prompt, review: reviewOf(options) })
  } else {
    const prompt = options.prompt ?? source?.userPrompt ?? loaded.prompt
    if (prompt === undefined)
      throw new AgentSourceError('no prompt: pass one, or export `prompt` from the agent script')
    // The run is written before the first model call, so even a crash inside it leaves a file
    // (crash point 1); continuing a run that holds only its user turn is exactly a new run.
    const seed = new Run({ id: runId, status: 'running', userPrompt: prompt })
    seed.transcript.push(userTurn(prompt))
    await store.begin(seed)
    // Sent once the file exists: from here on a crash leaves a run that can be continued.
    emit({ type: 'status', runId, file, status: 'running' })
    run = await agent.continueRun(seed)
  }
  const outcome: RunnerOutcome = { runId: run.id, file, status: run.status, stepCount: run.stepCount }
  if (run.metadata[NEEDS_REVIEW_KEY] !== undefined) outcome.needsReview = toPlainJson(run.metadata[NEEDS_REVIEW_KEY])
  if (run.metadata.cancelled === true) outcome.cancelled = true
  return outcome
}

async function chooseAgent(options: RunnerOptions, apiKeys: Record<string, string>): Promise<LoadedAgent> {
  if (options.agentScript) return loadAgentScript(options.agentScript)
  if (options.agentSpec) return agentFromSpec(options.agentSpec, apiKeys)
  throw new AgentSourceError('no agent: give an agent script or an agent spec')
}

async function loadSource(options: RunnerOptions): Promise<Run> {
  if (!options.sourceFile) throw new AgentSourceError('a re-run needs the recorded run to replay from')
  return recoverRun(options.sourceFile)
}

async function loadContinued(options: RunnerOptions): Promise<Run> {
  if (!options.file) throw new AgentSourceError('continuing needs the run file')
  return recoverRun(options.file)
}

function reviewOf(options: RunnerOptions) {
  const review = options.review
  if (!review) return undefined
  return review.action === 'result'
    ? { action: 'result' as const, result: fromPlain(review.result) }
    : { action: review.action }
}

/** The agent running the run now: a continuation under another agent (or tool folder) records that one. */
function recordOrigin(run: Run, origin: JsonObject): void {
  run.metadata[AGENT_ORIGIN_KEY] = origin
}

/** JSON that survives IPC: big ints become numbers. */
function toPlainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? Number(item) : item)))
}
