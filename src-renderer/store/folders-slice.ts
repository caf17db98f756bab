/** The opened folders and their run lists, as the main side reports them. */
import type { FolderEvent, FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import type { SliceCreator } from './types'

export interface FoldersSlice {
  folders: FolderSnapshot[]
  /** False until the first folder list arrives (the app shows a loading state meanwhile). */
  foldersLoaded: boolean
  foldersError: string | null
  /** Background checks of quickly listed folders still running, by folder: rows verified of total. */
  verifying: Record<string, { done: number; total: number }>
  setFolders(folders: FolderSnapshot[]): void
  setFoldersError(message: string | null): void
  applyFolderEvent(event: FolderEvent): void
}

function upsertRun(runs: RunListItem[], run: RunListItem): RunListItem[] {
  const at = runs.findIndex((item) => item.file === run.file)
  if (at < 0) return [...runs, run]
  const next = runs.slice()
  next[at] = run
  return next
}

/** The folder state after one push event (pure, so it is tested without a store). */
export function foldersAfterEvent(folders: FolderSnapshot[], event: FolderEvent): FolderSnapshot[] {
  if (event.kind === 'folders') return event.folders
  // Agent events describe a run being executed, not the folder listing (the watcher reports the file).
  if (event.kind === 'agent' || event.kind === 'steps' || event.kind === 'verify') return folders
  const at = folders.findIndex((snapshot) => snapshot.folder === event.folder)
  if (at < 0) return folders
  const snapshot = folders[at]
  const runs = event.kind === 'unlink' ? snapshot.runs.filter((item) => item.file !== event.file) : upsertRun(snapshot.runs, event.run)
  if (runs === snapshot.runs) return folders
  const next = folders.slice()
  next[at] = { ...snapshot, runs }
  return next
}

export const createFoldersSlice: SliceCreator<FoldersSlice> = (set) => ({
  folders: [],
  foldersLoaded: false,
  foldersError: null,
  verifying: {},
  setFolders: (folders) => set({ folders, foldersLoaded: true, foldersError: null }),
  setFoldersError: (foldersError) => set({ foldersError, foldersLoaded: true }),
  applyFolderEvent: (event) =>
    set((state) => {
      if (event.kind !== 'verify') return { folders: foldersAfterEvent(state.folders, event), foldersLoaded: true }
      const verifying = { ...state.verifying }
      if (event.done >= event.total) delete verifying[event.folder]
      else verifying[event.folder] = { done: event.done, total: event.total }
      return { verifying }
    })
})
