/** The one place that listens to pushes from the main side and writes them into the store. */
import type { PushEvent, TineApi } from '../../src-shared/api/contract'
import { runFilePath } from '../store/run-list'
import type { TineStore } from '../store/store'
import type { Actions } from './actions'

export function handlePushEvent(event: PushEvent, store: TineStore, actions: Pick<Actions, 'reloadOpenRun'>): void {
  const state = store.getState()
  state.applyFolderEvent(event)
  if (event.kind === 'folders') return
  const open = state.openFile
  if (!open) return
  const changed = runFilePath(event.folder, event.file)
  if (changed !== open) return
  if (event.kind === 'unlink') state.markRunRemoved(open)
  else void actions.reloadOpenRun()
}

export function connectPushEvents(api: TineApi, store: TineStore, actions: Pick<Actions, 'reloadOpenRun'>): () => void {
  return api.onEvent((event) => handlePushEvent(event, store, actions))
}
