/**
 * The renderer of the action tests runs against the REAL main-side service (handlers, atomic
 * writes, conflict detection) over copies of the example runs in a temp folder; only the
 * transport is skipped. Every call is recorded so a test can check what the UI sent.
 */
import { act, cleanup, render } from '@testing-library/react'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../../src-shared/api/contract'
import { openExamples, type OpenedExamples } from '../../../src-main/testing/actions-support'
import type { Calls } from '../../../src-renderer/api/calls'
import { connectPushEvents } from '../../../src-renderer/api/events'
import { App } from '../../../src-renderer/App'
import { connectClient } from '../../../src-renderer/testing/connect-client'
import { tineStore } from '../../../src-renderer/store/store'

export const initialState = tineStore.getState()

export class RecordingApi implements TineApi {
  calls: { channel: string; request: unknown }[] = []
  constructor(private readonly service: OpenedExamples['service']) {}
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
  service: OpenedExamples['service']
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
  const { service, folder, runsDir, file } = await openExamples('tine-actions-ui-', options.prepare, {
    loadWorkers: 0,
    log: () => {}
  })
  const api = new RecordingApi(service)
  const { calls } = connectClient(api)
  const disconnect = options.pushes === false ? () => {} : connectPushEvents(api, tineStore, calls)
  render(<App />)
  await act(() => calls.loadFolders())
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
    }
  }
}

/** Lets pending promises and React updates settle. */
export async function settle(ms = 20): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)))
}

/** A copy whose first step's text was edited by hand while the recorded digest stayed: integrity mismatch. */
export { writeTampered as writeTamperedCopy } from '../../kit/run-files'
