/** Shared helpers of the main-side tests: temp folders, generated runs, waiting for pushed events. */
import type { PushEvent } from '../../src-shared/api/contract'
import { Run } from '../../src-shared/run/run'
import { obj } from '../../src-shared/tine/json-value'
import type { ApiService } from '../api/service'

export { tempFolder } from '../../e2e/kit/temp-folder'

/** A small realistic run: a think step, `tools` tool calls, a done step. */
export function sampleRun(id: string, tools = 2, createdAt = 1_760_000_000): Run {
  const run = new Run({ id, createdAt, status: 'completed', modelInfo: 'claude-test', userPrompt: `task ${id}` })
  run.addStep({ kind: 'think', inputs: obj({ text: `plan for ${id}` }), timestamp: createdAt + 1, duration: 0.5 })
  for (let i = 0; i < tools; i++) {
    run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'read_file', arguments: obj({ path: `src/file${i}.ts` }) }),
      outputs: obj({ result: `contents ${i}` }),
      toolInfo: obj({ name: 'read_file' }),
      timestamp: createdAt + 2 + i,
      duration: 0.25,
      cost: 0.001
    })
  }
  run.addStep({
    kind: 'done',
    outputs: obj({ text: 'finished' }),
    timestamp: createdAt + 10,
    duration: 0.1,
    cost: 0.002
  })
  return run
}

/** Resolves with the first pushed event that matches, or rejects after `timeoutMs`. */
export function nextEvent(
  service: ApiService,
  match: (event: PushEvent) => boolean,
  timeoutMs = 5000
): Promise<PushEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no matching event within ${timeoutMs} ms`))
    }, timeoutMs)
    const stop = service.onEvent((event) => {
      if (!match(event)) return
      clearTimeout(timer)
      stop()
      resolve(event)
    })
  })
}

/** The ApiError code a rejected call carried. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`
  }
  return 'no error'
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
