/** Helpers of the action tests: a temp folder of real example runs opened in a real service. */
import { cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { PushEvent } from '../../src-shared/api/contract'
import type { RunView } from '../../src-shared/api/types'
import { createApiService, type ApiServiceOptions, type ApiServiceWithStats } from '../api/service'
import { EXAMPLES_DIR } from '../../e2e/kit/run-files'
import { runOracle } from '../../e2e/kit/oracle'
import { tempFolder } from './support'

export interface OpenedExamples {
  service: ApiServiceWithStats
  folder: string
  /** The examples copied into `<folder>/.tine_runs/`. */
  runsDir: string
  /** The path of a file in `runsDir`. */
  file(name: string): string
}

/** Copies the example runs into `<temp>/.tine_runs/`, opens the folder, and returns the service. */
export async function openExamples(
  prefix: string,
  prepare?: (runsDir: string) => void | Promise<void>,
  options: Partial<ApiServiceOptions> = {}
): Promise<OpenedExamples> {
  const folder = tempFolder(prefix)
  const runsDir = path.join(folder, '.tine_runs')
  cpSync(EXAMPLES_DIR, runsDir, { recursive: true })
  await prepare?.(runsDir)
  const service = createApiService({
    mode: 'browser',
    cacheDir: tempFolder('tine-cache-'),
    version: 'test',
    ...options
  })
  await service.openPaths([folder])
  return { service, folder, runsDir, file: (name) => path.join(runsDir, name) }
}

/** Collects every pushed event from now on; `waitFor` resolves once one matches (or rejects after a timeout). */
export function recordEvents(service: ApiServiceWithStats): {
  events: PushEvent[]
  waitFor(match: (event: PushEvent) => boolean, timeoutMs?: number): Promise<PushEvent>
  stop(): void
} {
  const events: PushEvent[] = []
  const stop = service.onEvent((event) => events.push(event))
  return {
    events,
    stop,
    async waitFor(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = events.find(match)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  }
}

export function loadView(service: ApiServiceWithStats, file: string): Promise<RunView> {
  return service.dispatch('runs.load', { file }) as Promise<RunView>
}

/** The oracle's verdict on one file: ok, and its summary text for failure messages. */
export function oracleVerdict(file: string): { ok: boolean; text: string } {
  const result = runOracle([file])
  const report = result.files.get(path.resolve(file))
  return { ok: result.status === 0 && report?.ok === true, text: report?.text ?? result.stdout + result.stderr }
}

/** The raw JSON of a run file, as written. */
export function rawRun(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/**
 * The retained set of spec §9.4, computed from the raw JSON independently of the core: the step
 * and its ancestors through parent_ids and causal_ids, dangling ids skipped.
 */
export function closureOf(raw: any, stepId: string): Set<string> {
  const steps = raw.graph.steps
  const seen = new Set<string>()
  const stack = [stepId]
  while (stack.length) {
    const id = stack.pop()!
    if (seen.has(id) || !(id in steps)) continue
    seen.add(id)
    stack.push(...(steps[id].parent_ids ?? []), ...(steps[id].causal_ids ?? []))
  }
  return seen
}
