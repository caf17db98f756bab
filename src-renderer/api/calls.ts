/**
 * Everything the UI asks of the main side. Each action calls the api and writes the answer into
 * the store; handlers read the store with getState() instead of subscribing.
 */
import { ApiError } from '../../src-shared/api/api-error'
import type { TineApi } from '../../src-shared/api/contract'
import { createRunActions, type RunActions } from '../actions/run-actions'
import { findRunFile } from '../store/run-list'
import type { TineStore } from '../store/store'
import { messageOf } from '../../src-shared/tine/errors'

/** Every call of the app; the write and trust ones (fork, pause/resume, signature, lineage, compare) come from RunActions. */
export interface Calls extends RunActions {
  loadFolders(): Promise<void>
  /** False when nothing opened, or when the paths wait for the user's confirmation (`broadOpen`). */
  openPaths(paths: string[], options?: { confirmBroad?: boolean }): Promise<boolean>
  closeFolder(folder: string): Promise<void>
  openRun(file: string, bytes?: number | null): Promise<void>
  /** Re-reads the open run after it changed on disk; calls made meanwhile fold into one more read. */
  reloadOpenRun(): Promise<void>
  openRunById(runId: string): Promise<boolean>
  loadStepDetail(stepId: string): Promise<void>
  loadAppInfo(): Promise<void>
}

export function createCalls(api: TineApi, store: TineStore): Calls {
  let reloading: Promise<void> | null = null
  let reloadAgain = false
  const stepRequests = new Map<string, Promise<void>>()

  /** A big run's view comes before its digest is known; its trust follows as soon as it is. */
  const showRun = async (file: string) => {
    const view = await api.invoke('runs.load', { file })
    store.getState().finishRunLoad(view)
    if (view.trust.integrity !== 'checking') return
    const trust = await api.invoke('runs.trust', { file, mtimeMs: view.mtimeMs, size: view.size })
    // Null: the file changed meanwhile, and the watcher's reload brings the new version.
    if (trust) store.getState().settleRunTrust(view, trust)
  }

  const openRun = async (file: string, bytes: number | null = null) => {
    store.getState().beginRunLoad(file, bytes)
    try {
      await showRun(file)
    } catch (error) {
      store.getState().failRunLoad(file, messageOf(error))
    }
  }

  const reloadOnce = async () => {
    const file = store.getState().openFile
    if (!file) return
    try {
      await showRun(file)
    } catch (error) {
      store.getState().failRunLoad(file, messageOf(error))
    }
  }

  const calls: Omit<Calls, keyof RunActions> = {
    async loadFolders() {
      try {
        store.getState().setFolders(await api.invoke('folders.list', {}))
      } catch (error) {
        store.getState().setFoldersError(messageOf(error))
      }
    },

    async openPaths(paths, options = {}) {
      if (paths.length === 0) return false
      try {
        const opened = await api.invoke('folders.open', {
          paths,
          ...(options.confirmBroad ? { confirmBroad: true } : {})
        })
        // The answer holds only the folders just opened; the others stay as they are.
        store.getState().addOpenedFolders(opened)
        store.getState().setNotice(null)
        // One .tine file asked for by path: show that run, not only its list.
        const single = paths.length === 1 ? opened.find((snapshot) => snapshot.singleFile)?.singleFile : undefined
        if (single) await openRun(single)
        return true
      } catch (error) {
        if (error instanceof ApiError && error.code === 'confirm-required') {
          store.getState().setBroadOpen({ paths, reason: error.message })
          return false
        }
        store
          .getState()
          .setNotice(`Could not open ${paths.length === 1 ? paths[0] : `${paths.length} paths`}: ${messageOf(error)}`)
        return false
      }
    },

    async closeFolder(folder) {
      try {
        store.getState().setFolders(await api.invoke('folders.close', { folder }))
        const open = store.getState().openFile
        if (open && !store.getState().folders.some((snapshot) => open.startsWith(snapshot.folder)))
          store.getState().closeRun()
      } catch (error) {
        store.getState().setNotice(`Could not close ${folder}: ${messageOf(error)}`)
      }
    },

    openRun,

    async reloadOpenRun() {
      if (reloading) {
        reloadAgain = true
        return reloading
      }
      reloading = (async () => {
        do {
          reloadAgain = false
          await reloadOnce()
        } while (reloadAgain)
      })()
      try {
        await reloading
      } finally {
        reloading = null
      }
    },

    async openRunById(runId) {
      const file = findRunFile(store.getState().folders, runId)
      if (!file) return false
      await openRun(file)
      return true
    },

    async loadStepDetail(stepId) {
      const state = store.getState()
      const file = state.openFile
      if (!file || state.stepDetails[stepId]) return
      const key = `${file}\n${stepId}`
      const inFlight = stepRequests.get(key)
      if (inFlight) return inFlight
      const request = (async () => {
        try {
          store.getState().setStepDetail(file, await api.invoke('runs.step', { file, stepId }))
        } catch (error) {
          store.getState().setStepError(file, stepId, messageOf(error))
        } finally {
          stepRequests.delete(key)
        }
      })()
      stepRequests.set(key, request)
      return request
    },

    async loadAppInfo() {
      try {
        const info = await api.invoke('app.info', {})
        store.getState().setAppInfo(info.mode, info.version)
      } catch {
        // The app works without it; the mode is known from the client anyway.
      }
    }
  }
  return { ...calls, ...createRunActions(api, store, { openRun, reloadOpenRun: () => calls.reloadOpenRun() }) }
}
