/**
 * Writes resources/examples/*.tine: realistic runs recorded by our own core (Run.addStep, forkRun,
 * saveRun), so the app and the docs have something real to open. What each agent said and which tools
 * it called is data (scenarios.json); this file plays it the way an agent loop records it. Fixed clocks,
 * fixed run ids and a deterministic fork nonce make every run of this script produce the same bytes.
 *
 *   npx tsx src-main/examples/make-examples.ts [OUT_DIR]     (default resources/examples)
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { freshRunId } from '../../src-shared/tine/ids'
import { obj, type JsonObject } from '../../src-shared/tine/json-value'
import { forkRun } from '../../src-shared/run/fork'
import { loadRunFromDocument } from '../../src-shared/run/load'
import { Run } from '../../src-shared/run/run'
import { runToDocument } from '../../src-shared/run/save'
import type { Step } from '../../src-shared/run/types'
import { saveRun } from '../store/run-file'
import { messageOf } from '../../src-shared/tine/errors'

/** Per-million-token list prices used to fill billing records (USD). */
const RATES: Record<string, { input: number; output: number; cacheRead: number }> = {
  'claude-sonnet-4-6': { input: 3, output: 15, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1 },
  'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025 }
}
const PROVIDERS: Record<string, string> = {
  'claude-sonnet-4-6': 'anthropic',
  'claude-haiku-4-5': 'anthropic',
  'gpt-5-mini': 'openai'
}

interface ToolCall {
  name: string
  arguments: JsonObject
  result: string
  /** Seconds the tool took. */
  took?: number
  error?: { type: string; message: string }
}

interface Usage {
  input: number
  output: number
  cacheRead?: number
}

/** Millionths of a dollar, so the billed subtotal is an exact decimal string. */
function priceMicros(model: string, usage: Usage): number {
  const rate = RATES[model]
  return Math.round(usage.input * rate.input + usage.output * rate.output + (usage.cacheRead ?? 0) * rate.cacheRead)
}

function microsToText(micros: number): string {
  return (micros / 1e6).toFixed(6).replace(/0+$/, '').replace(/\.$/, '.0')
}

/**
 * Drives a run the way an agent loop records it (spec §3 conventions, §19 transcript shape):
 * a model response with tool calls, then one tool step per call, on a fixed clock.
 */
class Recorder {
  private clock: number
  private callCounter = 0

  constructor(
    readonly run: Run,
    start: number,
    private readonly ref = 'main'
  ) {
    this.clock = start
  }

  private tick(seconds: number): number {
    const at = this.clock
    this.clock = Math.round((this.clock + seconds) * 1000) / 1000
    return at
  }

  user(text: string): void {
    this.run.transcript.push(obj({ role: 'user', content: text }))
  }

  /** One model call; the kind follows the runtime: text+calls think, calls only model, text only done. */
  model(options: {
    model?: string
    prompt: string
    text: string
    calls?: ToolCall[]
    usage: Usage
    took: number
    parents?: string[]
  }): Step {
    const model = options.model ?? this.run.modelInfo
    const calls = options.calls ?? []
    const callIds = calls.map(() => `toolu_${String(++this.callCounter).padStart(4, '0')}`)
    const toolCalls = calls.map((call, index) =>
      obj({ id: callIds[index], name: call.name, arguments: call.arguments })
    )
    const kind = calls.length ? (options.text ? 'think' : 'model') : 'done'
    const outputs = obj({ text: options.text || undefined, tool_calls: toolCalls.length ? toolCalls : undefined })
    const micros = priceMicros(model, options.usage)
    const usage = obj({
      input: BigInt(options.usage.input),
      output: BigInt(options.usage.output),
      cache_read: options.usage.cacheRead ? BigInt(options.usage.cacheRead) : undefined,
      total: BigInt(options.usage.input + options.usage.output + (options.usage.cacheRead ?? 0))
    })
    const step = this.run.addStep({
      kind,
      inputs: obj({ text: options.prompt }),
      outputs,
      modelInfo: model,
      parentIds: options.parents,
      timestamp: this.tick(options.took),
      duration: options.took,
      cost: micros / 1e6,
      usage,
      billing: obj({
        status: 'complete',
        known_subtotal_usd: microsToText(micros),
        catalog_id: 'example-list-prices-2026-01',
        rate_card_id: `${PROVIDERS[model]}/${model}`,
        effective_at: '2026-01-01T00:00:00Z'
      }),
      provider: PROVIDERS[model],
      ref: this.ref
    })
    this.run.transcript.push(
      obj({
        step_id: step.id,
        role: 'assistant',
        content: options.text,
        tool_calls: toolCalls.length ? toolCalls : undefined
      })
    )
    this.pendingCalls = calls.map((call, index) => ({ call, id: callIds[index] }))
    this.lastModelStep = step.id
    return step
  }

  private pendingCalls: Array<{ call: ToolCall; id: string }> = []
  private lastModelStep: string | undefined

  /**
   * Executes the tool calls of the last model step, in order; returns the tool steps. Sequential
   * calls chain one after another; parallel calls all hang off the model step (a fan-out).
   */
  tools(options: { parallel?: boolean } = {}): Step[] {
    const steps: Step[] = []
    const caller = this.lastModelStep
    for (const { call, id } of this.pendingCalls) {
      const took = call.took ?? 0.4
      const step = this.run.addStep({
        kind: 'tool',
        inputs: obj({ name: call.name, arguments: call.arguments }),
        outputs: obj({ result: call.result }),
        toolInfo: obj({ name: call.name }),
        error: call.error ? obj(call.error) : undefined,
        modelInfo: '',
        parentIds: options.parallel && caller ? [caller] : undefined,
        timestamp: this.tick(took),
        duration: took,
        ref: this.ref
      })
      this.run.transcript.push(
        obj({ step_id: step.id, role: 'tool', content: call.result, name: call.name, tool_call_id: id })
      )
      steps.push(step)
    }
    this.pendingCalls = []
    return steps
  }

  error(text: string, error: { type: string; message: string }): Step {
    return this.run.addStep({
      kind: 'error',
      inputs: obj({ text }),
      error: obj(error),
      modelInfo: '',
      timestamp: this.tick(0.01),
      duration: 0.0,
      ref: this.ref
    })
  }
}

function newRun(options: {
  createdAt: number
  model: string
  system: string
  prompt: string
  status?: Run['status']
  tags?: string[]
}): Run {
  // A fresh run id is the hash of its creation time in nanoseconds (spec §9.1); fixed here.
  const run = new Run({
    id: freshRunId(BigInt(options.createdAt) * 1_000_000_000n),
    createdAt: options.createdAt,
    status: options.status ?? 'running',
    modelInfo: options.model,
    systemPrompt: options.system,
    userPrompt: options.prompt
  })
  run.manifest = obj({
    kind: 'opentine-native',
    model: obj({ name: options.model }),
    tools: ['web_search', 'fetch_url', 'read_file', 'write_file', 'run_shell'],
    replay: ['cache', 'rerun'],
    resume: true,
    budget: obj({ on_breach: 'stop', max_cost: 2.0, max_steps: 60n })
  })
  run.policies = obj({ profile: 'secure' })
  run.tags = [...(options.tags ?? [])].sort()
  return run
}

/** One model call of a scenario and the tool calls it makes; the first turn's prompt is the run's. */
interface Turn {
  prompt?: string
  text: string
  calls?: Array<Omit<ToolCall, 'arguments'> & { arguments: Record<string, string> }>
  usage: Usage
  took: number
  /** The calls run side by side, each hanging off this model step. */
  parallelCalls?: boolean
  /** This model call merges the previous turn's parallel calls (a step with several parents). */
  joinsParallelCalls?: boolean
}

interface NewRunScenario {
  file: string
  createdAt: number
  model: string
  system: string
  prompt: string
  tags: string[]
  /** When the first step starts. */
  clock: number
  turns: Turn[]
  /** A closing error step; `{lastToolStep}` in its message stands for the last tool step's short id. */
  error?: { text: string; type: string; message: string }
  status: Run['status']
}

/** A retry of an earlier scenario's run, from before the model call of its turn `beforeTurn`. */
interface ForkScenario {
  file: string
  fork: { of: string; beforeTurn: number; branch: string; reason: string; now: number }
  tags: string[]
  clock: number
  turns: Turn[]
  status: Run['status']
}

type Scenario = NewRunScenario | ForkScenario

const SCENARIOS = JSON.parse(
  readFileSync(fileURLToPath(new URL('./scenarios.json', import.meta.url)), 'utf8')
) as Scenario[]

/** Records the turns; returns the model step of each turn. */
function play(agent: Recorder, turns: Turn[], firstPrompt = ''): Step[] {
  const modelSteps: Step[] = []
  let parallelSteps: Step[] = []
  for (const turn of turns) {
    const step = agent.model({
      prompt: turn.prompt ?? firstPrompt,
      text: turn.text,
      calls: turn.calls?.map((call) => ({ ...call, arguments: obj(call.arguments) })),
      usage: turn.usage,
      took: turn.took,
      parents: turn.joinsParallelCalls ? parallelSteps.map((tool) => tool.id) : undefined
    })
    modelSteps.push(step)
    parallelSteps = agent.tools({ parallel: turn.parallelCalls })
  }
  return modelSteps
}

interface Played {
  run: Run
  modelSteps: Step[]
}

function playNewRun(scenario: NewRunScenario): Played {
  const run = newRun({ ...scenario, status: 'running' })
  const agent = new Recorder(run, scenario.clock)
  agent.user(scenario.prompt)
  const modelSteps = play(agent, scenario.turns, scenario.prompt)
  if (scenario.error) {
    const lastTool = run.steps.findLast((step) => step.kind === 'tool')
    agent.error(scenario.error.text, {
      type: scenario.error.type,
      message: scenario.error.message.replace('{lastToolStep}', lastTool?.id.slice(0, 12) ?? '')
    })
  }
  run.status = scenario.status
  return { run, modelSteps }
}

function playFork(scenario: ForkScenario, source: Played): Played {
  const { branch, reason, now, beforeTurn } = scenario.fork
  // Fork the source as it reads back from its file, so the fork records the source's digest.
  const saved = loadRunFromDocument(runToDocument(source.run))
  const { run } = forkRun(saved, {
    at: source.modelSteps[beforeTurn].id,
    mode: 'before',
    branch,
    intent: obj({ reason }),
    nonce: '',
    now
  })
  run.tags = scenario.tags
  run.metadata.fork_reason = reason
  const modelSteps = play(new Recorder(run, scenario.clock, branch), scenario.turns)
  // The retry is now the run's head: main follows the branch.
  run.refs.main = run.refs[branch]
  run.status = scenario.status
  return { run, modelSteps }
}

export interface ExampleFile {
  name: string
  run: Run
}

export function buildExamples(): ExampleFile[] {
  const played = new Map<string, Played>()
  for (const scenario of SCENARIOS) {
    const source = 'fork' in scenario ? played.get(scenario.fork.of) : undefined
    if ('fork' in scenario && !source) throw new Error(`${scenario.file} forks ${scenario.fork.of}, which comes later`)
    played.set(scenario.file, 'fork' in scenario ? playFork(scenario, source!) : playNewRun(scenario))
  }
  return [...played].map(([name, { run }]) => ({ name, run }))
}

export async function writeExamples(outDir: string): Promise<string[]> {
  const written: string[] = []
  for (const { name, run } of buildExamples()) {
    const file = path.join(outDir, name)
    await saveRun(run, file)
    written.push(file)
  }
  return written
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (invokedDirectly) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'resources/examples'))
  writeExamples(outDir).then(
    (files) => {
      for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file)}`)
    },
    (error: unknown) => {
      console.error(`make-examples: ${messageOf(error)}`)
      process.exitCode = 1
    }
  )
}
