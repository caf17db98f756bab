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
  /** The snapshots an open answered with, merged into the list (see foldersAfterOpen). */
  addOpenedFolders(opened: FolderSnapshot[]): void
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

/** Whether `file` lies below `folder`, with either separator. */
function inside(folder: string, file: string): boolean {
  const base = folder.replace(/[\\/]+$/, '')
  return file.startsWith(base + '/') || file.startsWith(base + '\\')
}

/**
 * The list after an open: each opened snapshot replaces the one of its folder or joins the end,
 * and a single file an opened folder now covers leaves (the main side lists it in the folder).
 * The main side's "folders" push that follows every open carries the authoritative list; merging
 * the answer puts the rows on screen without fetching the whole list a second time.
 */
export function foldersAfterOpen(folders: FolderSnapshot[], opened: FolderSnapshot[]): FolderSnapshot[] {
  const key = (snapshot: FolderSnapshot) => `${snapshot.folder}\0${snapshot.singleFile ?? ''}`
  const openedFolders = opened.filter((snapshot) => !snapshot.singleFile).map((snapshot) => snapshot.folder)
  const byKey = new Map(opened.map((snapshot) => [key(snapshot), snapshot]))
  const next: FolderSnapshot[] = []
  for (const snapshot of folders) {
    const replacement = byKey.get(key(snapshot))
    byKey.delete(key(snapshot))
    if (replacement) next.push(replacement)
    else if (!(snapshot.singleFile && openedFolders.some((folder) => inside(folder, snapshot.singleFile!))))
      next.push(snapshot)
  }
  return next.concat([...byKey.values()])
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
  addOpenedFolders: (opened) =>
    set((state) => ({ folders: foldersAfterOpen(state.folders, opened), foldersLoaded: true, foldersError: null })),
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
