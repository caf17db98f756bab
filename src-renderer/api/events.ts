/** The one place that listens to pushes from the main side and writes them into the store. */
import type { PushEvent, TineApi } from '../../src-shared/api/contract'
import { isLive } from '../agents/agents-slice'
import { runFilePath } from '../store/run-list'
import type { TineStore } from '../store/store'
import type { Calls } from './calls'

export function handlePushEvent(event: PushEvent, store: TineStore, calls: Pick<Calls, 'reloadOpenRun'>): void {
  const state = store.getState()
  if (event.kind === 'steps') {
    // The graph grows live by patches; one that does not fit what is on screen falls back to a reload.
    if (state.openFile === event.file && !state.appendRunSteps(event)) void calls.reloadOpenRun()
    return
  }
  if (event.kind === 'agent') {
    const before = state.agentRuns[event.run.file]
    state.upsertAgentRun(event.run)
    // Once the agent stops, one reload brings the run-level fields (status, exact totals, refs) the patches do not carry.
    if (state.openFile === event.run.file && isLive(before) && !isLive(event.run)) void calls.reloadOpenRun()
    return
  }
  state.applyFolderEvent(event)
  if (event.kind === 'folders' || event.kind === 'verify') return
  const open = state.openFile
  if (!open) return
  const changed = runFilePath(event.folder, event.file)
  if (changed !== open) return
  if (event.kind === 'unlink') state.markRunRemoved(open)
  // While an agent writes the open run its steps arrive as patches: the watcher's report of the same write is no reason to reload.
  else if (!isLive(state.agentRuns[open])) void calls.reloadOpenRun()
}

/** Subscribes to pushes; the runs already going are listed once. */
export function connectPushEvents(api: TineApi, store: TineStore, calls: Pick<Calls, 'reloadOpenRun'>): () => void {
  const unsubscribe = api.onEvent((event) => handlePushEvent(event, store, calls))
  api.invoke('agents.active', {}).then(
    (runs) => store.getState().setAgentRuns(runs),
    () => undefined
  )
  return unsubscribe
}
