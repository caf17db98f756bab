/** The opened folders and their run lists, as the main side reports them. */
import type { PushEvent } from '../../src-shared/api/contract'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import type { SliceCreator } from './types'

export interface FoldersSlice {
  folders: FolderSnapshot[]
  /** False until the first folder list arrives (the app shows a loading state meanwhile). */
  foldersLoaded: boolean
  foldersError: string | null
  /** Background checks of quickly listed folders still running, by folder: rows verified of total. */
  verifying: Record<string, { done: number; total: number }>
  /** Paths the main side opens only once the user confirms them (the root, above home, a system folder). */
  broadOpen: { paths: string[]; reason: string } | null
  setBroadOpen(request: { paths: string[]; reason: string } | null): void
  setFolders(folders: FolderSnapshot[]): void
  setFoldersError(message: string | null): void
  applyFolderEvent(event: PushEvent): void
}

function upsertRun(runs: RunListItem[], run: RunListItem): RunListItem[] {
  const at = runs.findIndex((item) => item.file === run.file)
  if (at < 0) return [...runs, run]
  const next = runs.slice()
  next[at] = run
  return next
}

/** Rows replaced (or added) in one pass, for the batches of a background check. */
function upsertRuns(runs: RunListItem[], updates: RunListItem[]): RunListItem[] {
  if (updates.length === 0) return runs
  const byFile = new Map(updates.map((run) => [run.file, run]))
  const next = runs.map((run) => {
    const update = byFile.get(run.file)
    if (update) byFile.delete(run.file)
    return update ?? run
  })
  return byFile.size ? next.concat([...byFile.values()]) : next
}

/** The folder state after one push event (pure, so it is tested without a store). */
export function foldersAfterEvent(folders: FolderSnapshot[], event: PushEvent): FolderSnapshot[] {
  if (event.kind === 'folders') return event.folders
  // Agent events describe a run being executed, not the folder listing (the watcher reports the file).
  if (event.kind === 'agent' || event.kind === 'steps') return folders
  const at = folders.findIndex((snapshot) => snapshot.folder === event.folder)
  if (at < 0) return folders
  const snapshot = folders[at]
  const runs =
    event.kind === 'verify'
      ? upsertRuns(snapshot.runs, event.runs)
      : event.kind === 'unlink'
        ? snapshot.runs.filter((item) => item.file !== event.file)
        : upsertRun(snapshot.runs, event.run)
  if (runs === snapshot.runs) return folders
  const next = folders.slice()
  next[at] = { ...snapshot, runs }
  return next
}

export const createFoldersSlice: SliceCreator<FoldersSlice> = (set) => ({
  folders: [],
  foldersLoaded: false,
  broadOpen: null,
  setBroadOpen: (broadOpen) => set({ broadOpen }),
  foldersError: null,
  verifying: {},
  setFolders: (folders) => set({ folders, foldersLoaded: true, foldersError: null }),
  setFoldersError: (foldersError) => set({ foldersError, foldersLoaded: true }),
  applyFolderEvent: (event) =>
    set((state) => {
      const folders = foldersAfterEvent(state.folders, event)
      if (event.kind !== 'verify') return { folders, foldersLoaded: true }
      const verifying = { ...state.verifying }
      if (event.done >= event.total) delete verifying[event.folder]
      else verifying[event.folder] = { done: event.done, total: event.total }
      return { folders, verifying }
    })
})
