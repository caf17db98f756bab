/** Fakes for the agent-core tests: a counting scripted provider, a recording checkpoint store, a stepping clock. */
import type { Run } from '../../run/run'
import type { Step } from '../../run/types'
import type { CheckpointStore, ModelProvider, ModelRequest, ModelResponse, ToolCall } from '../types'
import { fromPlain, type JsonObject } from '../../tine/json-value'

/** A provider answering from a function of the request; counts and keeps every request it receives. */
export class CountingProvider implements ModelProvider {
  readonly provider = 'fake'
  readonly requests: ModelRequest[] = []

  constructor(
    private readonly answer: (
      request: ModelRequest,
      turn: number
    ) => Partial<ModelResponse> | Promise<Partial<ModelResponse>>,
    readonly model = 'fake-model-1'
  ) {}

  get calls(): number {
    return this.requests.length
  }

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    this.requests.push(structuredClone(request))
    const turn = request.messages.filter((message) => message.role === 'assistant').length
    const partial = await this.answer(request, turn)
    void options
    return { text: '', toolCalls: [], usage: { input: 10 * (turn + 1), output: 5 }, ...partial }
  }
}

export function call(name: string, args: Record<string, unknown>, id?: string): ToolCall {
  return { id: id ?? `${name}-${JSON.stringify(args)}`, name, arguments: fromPlain(args) as JsonObject }
}

/** A clock that moves forward by `step` seconds on every reading. */
export function steppingClock(start = 1_800_000_000.5, step = 0.25): () => number {
  let now = start
  return () => {
    const value = now
    now += step
    return value
  }
}

/** Remembers every call the agent makes to the checkpoint store, in order. */
export class RecordingCheckpoint implements CheckpointStore {
  readonly events: string[] = []
  readonly completed: Step[] = []
  readonly started: Array<{ call: ToolCall; key: string | undefined; pending: unknown }> = []

  async stepCompleted(run: Run, step: Step): Promise<void> {
    if (run.getStep(step.id) !== step) throw new Error('stepCompleted for a step the run does not hold')
    this.completed.push(step)
    this.events.push(`step:${step.kind}`)
  }

  async toolStarting(run: Run, call: ToolCall, key: string | undefined): Promise<void> {
    this.started.push({ call, key, pending: run.metadata.pending_tool })
    this.events.push(`start:${call.name}`)
  }

  async settle(run: Run): Promise<void> {
    this.events.push(`settle:${run.status}`)
  }
}

export function kinds(run: Run): string[] {
  return run.steps.map((step) => step.kind)
}
