/**
 * The renderer of the action tests runs against the REAL main-side service (handlers, atomic
 * writes, conflict detection) over copies of the example runs in a temp folder; only the
 * transport is skipped. Every call is recorded so a test can check what the UI sent.
 */
import { act, cleanup, render } from '@testing-library/react'
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import { createApiService, type ApiServiceWithStats } from '../../src-main/api/service'
import '../../src-main/store/node-hash'
import type { Calls } from '../api/calls'
import { connectPushEvents } from '../api/events'
import { App } from '../App'
import { connectClient } from './connect-client'
import { tineStore } from '../store/store'
import { REPO_ROOT } from '../../src-main/testing/paths'

export const EXAMPLES = path.join(REPO_ROOT, 'resources', 'examples')
export const initialState = tineStore.getState()

export class RecordingApi implements TineApi {
  calls: { channel: string; request: unknown }[] = []
  constructor(private readonly service: ApiServiceWithStats) {}
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request })
    return this.service.dispatch(channel, request) as Promise<ResponseOf<C>>
  }
  onEvent(listener: (event: PushEvent) => void): () => void {
    return this.service.onEvent(listener)
  }
  requests<C extends Channel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>)
  }
}

export interface Harness {
  folder: string
  runsDir: string
  service: ApiServiceWithStats
  api: RecordingApi
  calls: Calls
  file(name: string): string
  open(name: string): Promise<void>
  dispose(): Promise<void>
}

/**
 * Copies the examples into `<temp>/.tine_runs/`, opens the folder in a real service and renders
 * the app. `pushes: false` leaves the renderer's view stale when files change (a conflict window).
 */
export async function startHarness(
  options: { pushes?: boolean; prepare?: (runsDir: string) => void } = {}
): Promise<Harness> {
  tineStore.setState(initialState, true)
  const folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tine-actions-ui-')))
  const cacheDir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tine-actions-cache-')))
  const runsDir = path.join(folder, '.tine_runs')
  cpSync(EXAMPLES, runsDir, { recursive: true })
  options.prepare?.(runsDir)
  const service = createApiService({ mode: 'browser', cacheDir, version: 'test', loadWorkers: 0, log: () => {} })
  await service.openPaths([folder])
  const api = new RecordingApi(service)
  const { calls } = connectClient(api)
  const disconnect = options.pushes === false ? () => {} : connectPushEvents(api, tineStore, calls)
  render(<App />)
  await act(() => calls.loadFolders())
  const file = (name: string) => path.join(runsDir, name)
  return {
    folder,
    runsDir,
    service,
    api,
    calls,
    file,
    async open(name) {
      await act(() => calls.openRun(file(name)))
    },
    async dispose() {
      cleanup()
      disconnect()
      await service.close()
      delete document.body.dataset.ready
      tineStore.setState(initialState, true)
      rmSync(folder, { recursive: true, force: true })
      rmSync(cacheDir, { recursive: true, force: true })
    }
  }
}

/** Lets pending promises and React updates settle. */
export async function settle(ms = 20): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)))
}

/** A copy whose first step's text was edited by hand while the recorded digest stayed: integrity mismatch. */
export function writeTamperedCopy(source: string, target: string): void {
  const raw = JSON.parse(readFileSync(source, 'utf8'))
  const first = raw.graph.order[0]
  raw.graph.steps[first].inputs = { ...raw.graph.steps[first].inputs, text: 'edited by hand' }
  writeFileSync(target, JSON.stringify(raw, null, 2))
}
