/**
 * Writes resources/examples/*.tine: realistic runs recorded by our own core (Run.addStep, forkRun,
 * saveRun), so the app and the docs have something real to open. Fixed clocks, fixed run ids and a
 * deterministic fork nonce make every run of this script produce the same bytes.
 *
 *   npx tsx src-main/examples/make-examples.ts [OUT_DIR]     (default resources/examples)
 */
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

const RESEARCH_PROMPT =
  'Compare three open-source vector databases for a 50M-vector workload and recommend one, with sources.'
const RESEARCH_SYSTEM = 'You are a careful research assistant. Cite every number you use. Prefer primary sources.'

function researchRun(): { run: Run; retryFrom: string } {
  const run = newRun({
    createdAt: 1767261600,
    model: 'claude-sonnet-4-6',
    system: RESEARCH_SYSTEM,
    prompt: RESEARCH_PROMPT,
    tags: ['research', 'vector-db']
  })
  const agent = new Recorder(run, 1767261601.25)
  agent.user(RESEARCH_PROMPT)
  agent.model({
    prompt: RESEARCH_PROMPT,
    text: 'I will shortlist candidates first, then look for recent benchmark numbers at the 10M-100M scale.',
    calls: [
      {
        name: 'web_search',
        arguments: obj({ query: 'open source vector database benchmark 50 million vectors 2025' }),
        result:
          '1. ANN-Benchmarks results page (ann-benchmarks.com)\n2. "Billion-scale vector search" survey, VLDB 2025\n3. Qdrant vs Milvus vs Weaviate at 50M, engineering blog (2025-09)\n4. pgvector HNSW performance notes (2025-06)',
        took: 1.2
      }
    ],
    usage: { input: 1840, output: 96 },
    took: 2.1
  })
  agent.tools()
  agent.model({
    prompt: 'Pick sources to read.',
    text: 'The engineering blog compares exactly three systems at 50M. I will read it and cross-check with the survey.',
    calls: [
      {
        name: 'fetch_url',
        arguments: obj({ url: 'https://example.org/blog/qdrant-milvus-weaviate-50m' }),
        result:
          'Setup: 50M x 768-dim vectors, HNSW m=16, ef=128, 8 vCPU / 64 GB.\nQdrant: 1,420 QPS @ recall 0.95, RAM 41 GB.\nMilvus: 1,610 QPS @ recall 0.95, RAM 52 GB.\nWeaviate: 980 QPS @ recall 0.95, RAM 58 GB.',
        took: 0.9
      },
      {
        name: 'fetch_url',
        arguments: obj({ url: 'https://example.org/papers/billion-scale-survey.pdf' }),
        result:
          'Section 5.2: at 10M-100M vectors, memory footprint dominates total cost; quantization (PQ/SQ) cuts RAM 3-4x at 1-3 points of recall.',
        took: 1.6
      }
    ],
    usage: { input: 2410, output: 121, cacheRead: 1800 },
    took: 2.4
  })
  agent.tools()
  agent.model({
    prompt: 'Check energy figures.',
    text: 'Neither source reports energy. Power draw scales with cores and RAM held, so I will estimate from the hardware profile. First the local notes the user left.',
    calls: [
      {
        name: 'read_file',
        arguments: obj({ path: 'notes/cluster-power.md' }),
        result:
          '# Cluster power\nMeasured at the PDU, idle 118 W, full load 262 W per 8 vCPU / 64 GB node.\nRAM above 48 GB needs the larger node class (+35 W).',
        took: 0.05
      }
    ],
    usage: { input: 3120, output: 140, cacheRead: 2300 },
    took: 2.9
  })
  agent.tools()
  const estimate = agent.model({
    prompt: 'Estimate energy per million queries.',
    text: '',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'python3 scripts/energy.py --qps 1420 1610 980 --watts 262 297 297' }),
        result: 'qdrant   51.3 Wh / 1M queries\nmilvus   51.2 Wh / 1M queries\nweaviate 84.2 Wh / 1M queries',
        took: 0.7
      }
    ],
    usage: { input: 3390, output: 88, cacheRead: 2900 },
    took: 1.8
  })
  agent.tools()
  agent.model({
    prompt: 'Validate the estimate against a second source.',
    text: 'Milvus and Qdrant tie on energy per query, but Milvus needs the larger node. Let me verify the Milvus memory figure, since it decides the node class.',
    calls: [
      {
        name: 'web_search',
        arguments: obj({ query: 'milvus 2.5 memory usage 50M vectors 768 dim HNSW' }),
        result:
          '1. Milvus sizing guide: ~1.1 KB/vector for HNSW m=16 at 768 dims\n2. Forum thread: 50M vectors used 49-55 GB in practice',
        took: 1.1
      }
    ],
    usage: { input: 3610, output: 132, cacheRead: 3100 },
    took: 2.2
  })
  agent.tools()
  agent.model({
    prompt: 'Read the sizing guide.',
    text: 'The sizing guide confirms the blog. Reading it for quantization options.',
    calls: [
      {
        name: 'fetch_url',
        arguments: obj({ url: 'https://example.org/docs/milvus/sizing' }),
        result:
          'HNSW: 1.1 KB/vector (768-d, m=16). IVF_SQ8: 0.29 KB/vector, recall 0.93 @ nprobe 32. With SQ8, 50M vectors fit in 16 GB.',
        took: 0.8
      }
    ],
    usage: { input: 3980, output: 97, cacheRead: 3400 },
    took: 1.9
  })
  agent.tools()
  agent.model({
    prompt: 'Consider quantized configurations.',
    text: 'Quantization changes the picture: all three support scalar quantization. I will check Qdrant and Weaviate too.',
    calls: [
      {
        name: 'web_search',
        arguments: obj({ query: 'qdrant scalar quantization recall memory 50M' }),
        result: '1. Qdrant docs: scalar quantization int8, 4x RAM reduction, recall 0.94 with rescoring',
        took: 0.9
      },
      {
        name: 'web_search',
        arguments: obj({ query: 'weaviate PQ compression recall memory benchmark' }),
        result: '1. Weaviate docs: PQ with 4x-8x compression, recall 0.90-0.93 depending on segments',
        took: 1.0
      }
    ],
    usage: { input: 4350, output: 150, cacheRead: 3700 },
    took: 2.6
  })
  agent.tools()
  agent.model({
    prompt: 'Re-estimate energy with quantization.',
    text: '',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'python3 scripts/energy.py --qps 1900 2050 1300 --watts 262 262 262' }),
        result: 'qdrant   38.3 Wh / 1M queries\nmilvus   35.5 Wh / 1M queries\nweaviate 56.0 Wh / 1M queries',
        took: 0.6
      }
    ],
    usage: { input: 4620, output: 81, cacheRead: 4100 },
    took: 1.7
  })
  agent.tools()
  agent.model({
    prompt: 'Check licences and operational cost.',
    text: 'Before recommending, the licences and the managed-service lock-in matter for a self-hosted deployment.',
    calls: [
      {
        name: 'web_search',
        arguments: obj({ query: 'milvus license apache 2.0 self-hosted' }),
        result: '1. Milvus: Apache-2.0, CNCF graduated project',
        took: 0.8
      },
      {
        name: 'web_search',
        arguments: obj({ query: 'qdrant license weaviate license' }),
        result: '1. Qdrant: Apache-2.0\n2. Weaviate: BSD-3-Clause',
        took: 0.7
      }
    ],
    usage: { input: 4710, output: 104, cacheRead: 4200 },
    took: 1.9
  })
  agent.tools()
  agent.model({
    prompt: 'Consider the Postgres option the user already runs.',
    text: 'The user already runs Postgres; pgvector is worth one check as a baseline.',
    calls: [
      {
        name: 'read_file',
        arguments: obj({ path: 'notes/pgvector-trial.md' }),
        result: 'pgvector 0.8 HNSW, 50M x 768: build took 19 h, 310 QPS @ recall 0.95. Not pursued.',
        took: 0.04
      }
    ],
    usage: { input: 4820, output: 73, cacheRead: 4300 },
    took: 1.5
  })
  agent.tools()
  agent.model({
    prompt: 'Write the findings down.',
    text: 'Saving the comparison table so the user can check the numbers.',
    calls: [
      {
        name: 'write_file',
        arguments: obj({
          path: 'out/vector-db-comparison.md',
          content:
            '| system | QPS | RAM | Wh/1M q (fp32) | Wh/1M q (int8) |\n|---|---|---|---|---|\n| Qdrant | 1420 | 41 GB | 51.3 | 38.3 |\n| Milvus | 1610 | 52 GB | 51.2 | 35.5 |\n| Weaviate | 980 | 58 GB | 84.2 | 56.0 |'
        }),
        result: 'wrote 262 bytes to out/vector-db-comparison.md',
        took: 0.02
      }
    ],
    usage: { input: 4890, output: 240, cacheRead: 4400 },
    took: 3.1
  })
  agent.tools()
  agent.model({
    prompt: 'Answer the user.',
    text: 'Recommendation: Milvus with IVF_SQ8 for a 50M-vector workload. It has the highest throughput (1,610 QPS at recall 0.95 unquantized) and the lowest estimated energy once quantized (35.5 Wh per million queries), and it fits on the smaller node class. Qdrant is a close second with lower memory unquantized. Weaviate used about 60% more energy per query in both settings. Sources: the 2025-09 engineering benchmark, the Milvus sizing guide, and your PDU measurements. Table saved to out/vector-db-comparison.md.',
    usage: { input: 5210, output: 212, cacheRead: 4700 },
    took: 4.2
  })
  run.status = 'completed'
  return { run, retryFrom: estimate.id }
}

/** The research run, retried from the first energy estimate with a different method. */
function researchRetry(source: Run, retryFrom: string): Run {
  const { run } = forkRun(source, {
    at: retryFrom,
    mode: 'before',
    branch: 'retry',
    intent: obj({ reason: 'estimate energy from measured per-query CPU time instead of node wattage' }),
    nonce: '',
    now: 1767265200
  })
  run.tags = ['research', 'retry', 'vector-db']
  run.metadata.fork_reason = 'estimate energy from measured per-query CPU time instead of node wattage'
  const agent = new Recorder(run, 1767265201.5, 'retry')
  agent.model({
    prompt: 'Estimate energy per million queries from CPU time.',
    text: 'Node wattage hides idle power. I will profile CPU seconds per query instead and convert with the measured marginal watts.',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'python3 scripts/profile_cpu.py --systems qdrant milvus weaviate --queries 10000' }),
        result: 'qdrant   cpu 4.9 ms/query\nmilvus   cpu 4.1 ms/query\nweaviate cpu 7.6 ms/query',
        took: 42.0
      }
    ],
    usage: { input: 3390, output: 118, cacheRead: 2900 },
    took: 2.3
  })
  agent.tools()
  agent.model({
    prompt: 'Convert CPU time to energy.',
    text: '',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'python3 scripts/energy.py --cpu-ms 4.9 4.1 7.6 --marginal-watts-per-core 18' }),
        result: 'qdrant   24.5 Wh / 1M queries\nmilvus   20.5 Wh / 1M queries\nweaviate 38.0 Wh / 1M queries',
        took: 0.5
      }
    ],
    usage: { input: 3560, output: 77, cacheRead: 3200 },
    took: 1.6
  })
  agent.tools()
  agent.model({
    prompt: 'Answer the user.',
    text: 'Recommendation: Milvus. Measured by CPU time per query, it uses the least energy (20.5 Wh per million queries, vs 24.5 for Qdrant and 38.0 for Weaviate), and it also had the highest throughput in the 50M benchmark. The ranking matches the wattage-based estimate, with lower absolute numbers because idle power is excluded.',
    usage: { input: 3810, output: 176, cacheRead: 3400 },
    took: 3.4
  })
  // The retry is now the run's head: main follows the retry branch.
  run.refs.main = run.refs.retry
  run.status = 'completed'
  return run
}

function failedRun(): Run {
  const prompt = 'Cut release v2.4.0: run the tests, tag the commit and publish the package.'
  const run = newRun({
    createdAt: 1767348000,
    model: 'gpt-5-mini',
    system: 'You are a release engineer. Never force-push.',
    prompt,
    tags: ['release']
  })
  const agent = new Recorder(run, 1767348000.75)
  agent.user(prompt)
  agent.model({
    prompt,
    text: 'Running the test suite first.',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'npm test' }),
        result: 'Test Files  48 passed (48)\n     Tests  612 passed (612)',
        took: 38.4
      }
    ],
    usage: { input: 920, output: 44 },
    took: 1.1
  })
  agent.tools()
  agent.model({
    prompt: 'Tag the release.',
    text: '',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'git tag -a v2.4.0 -m "v2.4.0"' }),
        result: "fatal: tag 'v2.4.0' already exists",
        took: 0.1,
        error: { type: 'CommandFailed', message: "git exited 128: tag 'v2.4.0' already exists" }
      }
    ],
    usage: { input: 1010, output: 39 },
    took: 0.9
  })
  const [tag] = agent.tools()
  agent.error('Release aborted: the tag already exists and the policy forbids moving tags.', {
    type: 'ReleaseAborted',
    message: `step ${tag.id.slice(0, 12)} failed: tag v2.4.0 already exists; refusing to move it`
  })
  run.status = 'failed'
  return run
}

function pausedRun(): Run {
  const prompt = 'Migrate the settings page from class components to hooks, one file at a time.'
  const run = newRun({
    createdAt: 1767434400,
    model: 'claude-sonnet-4-6',
    system: 'You are a senior React engineer. Keep diffs small.',
    prompt,
    tags: ['refactor']
  })
  const agent = new Recorder(run, 1767434401)
  agent.user(prompt)
  agent.model({
    prompt,
    text: 'Listing the components first.',
    calls: [
      {
        name: 'run_shell',
        arguments: obj({ command: 'grep -rl "extends React.Component" src/settings' }),
        result: 'src/settings/ProfileForm.jsx\nsrc/settings/NotificationPrefs.jsx\nsrc/settings/ApiKeys.jsx',
        took: 0.2
      }
    ],
    usage: { input: 1500, output: 60 },
    took: 1.4
  })
  agent.tools()
  agent.model({
    prompt: 'Convert ProfileForm.',
    text: 'Starting with ProfileForm, the smallest.',
    calls: [
      {
        name: 'read_file',
        arguments: obj({ path: 'src/settings/ProfileForm.jsx' }),
        result:
          'class ProfileForm extends React.Component {\n  state = { name: "", email: "" }\n  render() { /* 42 lines */ }\n}',
        took: 0.03
      }
    ],
    usage: { input: 1720, output: 58, cacheRead: 1400 },
    took: 1.2
  })
  agent.tools()
  agent.model({
    prompt: 'Write the hook version.',
    text: '',
    calls: [
      {
        name: 'write_file',
        arguments: obj({
          path: 'src/settings/ProfileForm.jsx',
          content:
            'export function ProfileForm() {\n  const [name, setName] = useState("")\n  const [email, setEmail] = useState("")\n  /* 35 lines */\n}'
        }),
        result: 'wrote 1184 bytes to src/settings/ProfileForm.jsx',
        took: 0.02
      }
    ],
    usage: { input: 2240, output: 610, cacheRead: 1650 },
    took: 6.8
  })
  agent.tools()
  // Paused by the user before the next file, to review the first conversion.
  run.status = 'paused'
  return run
}

function mergeRun(): Run {
  const prompt = 'Build a unified incident timeline from the status page history and the on-call pager log.'
  const run = newRun({
    createdAt: 1767520800,
    model: 'claude-haiku-4-5',
    system: 'You are an SRE assistant. Times are UTC.',
    prompt,
    tags: ['incident', 'parallel']
  })
  const agent = new Recorder(run, 1767520800.5)
  agent.user(prompt)
  agent.model({
    prompt,
    text: 'Fetching both sources in parallel.',
    calls: [
      {
        name: 'fetch_url',
        arguments: obj({ url: 'https://status.example.com/history.json?since=2026-01-03' }),
        result: '[{"t":"2026-01-03T14:02Z","msg":"Elevated API errors"},{"t":"2026-01-03T14:41Z","msg":"Resolved"}]',
        took: 0.6
      },
      {
        name: 'read_file',
        arguments: obj({ path: 'oncall/pager-2026-01-03.log' }),
        result:
          '14:00:12 PAGE api-5xx-rate > 2%\n14:09:40 ACK alice\n14:37:05 MITIGATED rollback deploy 8841\n14:40:55 RESOLVED',
        took: 0.04
      }
    ],
    usage: { input: 980, output: 70 },
    took: 1.0
  })
  // Two branches off the planning step, merged by the next model call (a step with two parents).
  const [statusPage, pagerLog] = agent.tools({ parallel: true })
  agent.model({
    prompt: 'Merge the two sources into one timeline.',
    text: '',
    calls: [
      {
        name: 'write_file',
        arguments: obj({
          path: 'out/incident-2026-01-03.md',
          content:
            '14:00 page fired (api 5xx > 2%)\n14:02 status page: elevated API errors\n14:09 acked by alice\n14:37 mitigated: rollback of deploy 8841\n14:41 resolved (pager 14:40:55, status page 14:41)'
        }),
        result: 'wrote 214 bytes to out/incident-2026-01-03.md',
        took: 0.02
      }
    ],
    usage: { input: 1460, output: 190, cacheRead: 900 },
    took: 2.2,
    parents: [statusPage.id, pagerLog.id]
  })
  agent.tools()
  agent.model({
    prompt: 'Summarise.',
    text: 'Timeline written to out/incident-2026-01-03.md. Impact lasted 41 minutes (14:00-14:41 UTC); the rollback of deploy 8841 mitigated it at 14:37.',
    usage: { input: 1690, output: 84, cacheRead: 1300 },
    took: 1.3
  })
  run.status = 'completed'
  return run
}

export interface ExampleFile {
  name: string
  run: Run
}

export function buildExamples(): ExampleFile[] {
  const research = researchRun()
  // Fork the research run as it reads back from its file, so the fork records the source's digest.
  const saved = loadRunFromDocument(runToDocument(research.run))
  return [
    { name: 'research-agent.tine', run: research.run },
    { name: 'research-agent-retry.tine', run: researchRetry(saved, research.retryFrom) },
    { name: 'release-failed.tine', run: failedRun() },
    { name: 'refactor-paused.tine', run: pausedRun() },
    { name: 'incident-merge.tine', run: mergeRun() }
  ]
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
