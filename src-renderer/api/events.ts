/** The one place that listens to pushes from the main side and writes them into the store. */
import type { PushEvent, TineApi } from '../../src-shared/api/contract'
import { setAgentsApi } from '../agents/agents-api'
import { runFilePath } from '../store/run-list'
import type { TineStore } from '../store/store'
import type { Actions } from './actions'

export function handlePushEvent(event: PushEvent, store: TineStore, actions: Pick<Actions, 'reloadOpenRun'>): void {
  const state = store.getState()
  if (event.kind === 'agent') {
    state.upsertAgentRun(event.run)
    // The graph grows live: every step the agent lands reloads the open run (selection and viewport are kept).
    if (state.openFile === event.run.file) void actions.reloadOpenRun()
    return
  }
  state.applyFolderEvent(event)
  if (event.kind === 'folders') return
  const open = state.openFile
  if (!open) return
  const changed = runFilePath(event.folder, event.file)
  if (changed !== open) return
  if (event.kind === 'unlink') state.markRunRemoved(open)
  else void actions.reloadOpenRun()
}

/** Subscribes to pushes, and hands the same api to the agent calls; runs already going are listed once. */
export function connectPushEvents(api: TineApi, store: TineStore, actions: Pick<Actions, 'reloadOpenRun'>): () => void {
  setAgentsApi(api)
  const unsubscribe = api.onEvent((event) => handlePushEvent(event, store, actions))
  api.invoke('agents.active', {}).then(
    (runs) => store.getState().setAgentRuns(runs),
    () => undefined
  )
  return unsubscribe
}
