/**
 * The crash test's agent: a scripted fake model and three tools backed by fake outside services
 * that live in files (so they survive the runner being killed):
 * - `charge`: side effects with an idempotency key; the service applies each key once and counts
 *   distinct effects (charge-effects.log) apart from attempts (charge-attempts.log);
 * - `notify`: side effects without a key; every call appends a line (notify.log);
 * - `read_note`: read-only.
 * Test-only hook: TINE_TEST_HANG=<tool>:<n>[:before|after] (or model:<turn>) makes that call
 * write `hanging` into the effects folder and then hang, so the test's SIGKILL lands inside it.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Agent } from '../../../../src-shared/agents/agent'
import type { ModelProvider, ModelRequest, ModelResponse, Tool, ToolCall } from '../../../../src-shared/agents/types'
import { obj, toNumber, type JsonObject } from '../../../../src-shared/tine/json-value'

/** The calls of each model turn; the turn after the last one answers with text (done). */
export const PLAN: Array<Array<{ name: 'read_note' | 'charge' | 'notify'; n: number }>> = [
  [{ name: 'read_note', n: 0 }],
  [
    { name: 'charge', n: 1 },
    { name: 'notify', n: 1 }
  ],
  [
    { name: 'read_note', n: 2 },
    { name: 'charge', n: 2 }
  ],
  [{ name: 'notify', n: 3 }],
  [
    { name: 'charge', n: 4 },
    { name: 'read_note', n: 4 },
    { name: 'notify', n: 4 }
  ]
]
export const FINAL_TEXT = 'all done'

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    })
  })
}

function delayMs(base: number): number {
  return base + Math.floor(Math.random() * base)
}

class ScriptedFakeModel implements ModelProvider {
  readonly provider = 'fake'
  readonly model = 'fake-crash-model'

  constructor(private readonly options: CrashAgentOptions) {}

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    await sleep(delayMs(Number(process.env.TINE_TEST_MODEL_DELAY_MS ?? 0)), options.signal)
    const turn = request.messages.filter((message) => message.role === 'assistant').length
    await maybeHang(effectsDir(this.options), 'model', turn, 'before', options.signal)
    const calls = PLAN[turn]
    if (!calls) return { text: FINAL_TEXT, toolCalls: [], usage: { input: 10, output: 2 }, cost: 0.001 }
    const toolCalls: ToolCall[] = calls.map((call, index) => ({
      id: `t${turn}_${index}`,
      name: call.name,
      arguments: obj({ n: BigInt(call.n) })
    }))
    return { text: '', toolCalls, usage: { input: 10, output: 5 }, cost: 0.001 }
  }
}

export interface CrashAgentOptions {
  /** Folder of the fake services' files; default $TINE_TEST_EFFECTS_DIR (read at call time). */
  effectsDir?: string
}

function effectsDir(options: CrashAgentOptions): string {
  const dir = options.effectsDir ?? process.env.TINE_TEST_EFFECTS_DIR
  if (!dir) throw new Error('TINE_TEST_EFFECTS_DIR is not set')
  return dir
}

/** Hangs (until aborted or killed) when TINE_TEST_HANG names this call and phase. */
async function maybeHang(
  dir: string,
  name: string,
  n: number,
  phase: 'before' | 'after',
  signal: AbortSignal
): Promise<void> {
  const [tool, at, when = 'before'] = (process.env.TINE_TEST_HANG ?? '').split(':')
  if (tool !== name || Number(at) !== n || when !== phase) return
  writeFileSync(path.join(dir, 'hanging'), `${name}:${n}:${phase}`)
  await sleep(60_000, signal)
}

const N_SCHEMA = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }

function tools(options: CrashAgentOptions): Tool[] {
  const n = (args: JsonObject) => toNumber(args.n)
  const work = () => sleep(delayMs(Number(process.env.TINE_TEST_TOOL_DELAY_MS ?? 0)))
  const readNote: Tool = {
    name: 'read_note',
    description: 'reads a note (read-only)',
    parameters: N_SCHEMA,
    sideEffects: false,
    async run(args, context) {
      const dir = effectsDir(options)
      await work()
      await maybeHang(dir, 'read_note', n(args), 'before', context.signal)
      return `note ${n(args)}`
    }
  }
  const charge: Tool = {
    name: 'charge',
    description: 'charges once per idempotency key',
    parameters: N_SCHEMA,
    sideEffects: true,
    idempotencyKey: (args) => `charge-${n(args)}`,
    async run(args, context) {
      const dir = effectsDir(options)
      const key = context.idempotencyKey
      if (!key) throw new Error('charge needs an idempotency key')
      await work()
      await maybeHang(dir, 'charge', n(args), 'before', context.signal)
      appendFileSync(path.join(dir, 'charge-attempts.log'), `${key}\n`)
      const effects = path.join(dir, 'charge-effects.log')
      const seen = existsSync(effects) ? readFileSync(effects, 'utf8').split('\n') : []
      if (!seen.includes(key)) appendFileSync(effects, `${key}\n`)
      await maybeHang(dir, 'charge', n(args), 'after', context.signal)
      return { charged: key }
    }
  }
  const notify: Tool = {
    name: 'notify',
    description: 'sends a notification (no idempotency key)',
    parameters: N_SCHEMA,
    sideEffects: true,
    async run(args, context) {
      const dir = effectsDir(options)
      await work()
      await maybeHang(dir, 'notify', n(args), 'before', context.signal)
      appendFileSync(path.join(dir, 'notify.log'), `notify-${n(args)}\n`)
      await maybeHang(dir, 'notify', n(args), 'after', context.signal)
      return 'sent'
    }
  }
  return [readNote, charge, notify]
}

export function buildCrashAgent(
  options: CrashAgentOptions = {},
  extra: Partial<ConstructorParameters<typeof Agent>[0]> = {}
): Agent {
  return new Agent({
    model: new ScriptedFakeModel(options),
    tools: tools(options),
    systemPrompt: 'crash test agent',
    ...extra
  })
}

export const prompt = 'do the planned calls'
export default buildCrashAgent()
