/** The visible run list: folders' runs filtered by the query grammar, newest first. Pure. */
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { matchesQuery, parseQuery, type Query } from '../../src-shared/run/query'

export interface RunGroup {
  folder: FolderSnapshot
  runs: RunListItem[]
}

export interface RunListView {
  groups: RunGroup[]
  /** Why the query could not be parsed; the list is then left unfiltered. */
  error: string | null
  total: number
  shown: number
}

function newestFirst(a: RunListItem, b: RunListItem): number {
  // Unreadable files have no creation time: order them by modification time, after the readable ones.
  if (a.unreadable !== b.unreadable) return a.unreadable ? 1 : -1
  if (a.unreadable) return b.mtime - a.mtime
  return b.created_at - a.created_at || a.file.localeCompare(b.file)
}

export function parseListQuery(text: string): { query: Query | null; error: string | null } {
  if (text.trim() === '') return { query: null, error: null }
  try {
    return { query: parseQuery(text), error: null }
  } catch (error) {
    return { query: null, error: error instanceof Error ? error.message : String(error) }
  }
}

export function buildRunList(folders: FolderSnapshot[], text: string): RunListView {
  const { query, error } = parseListQuery(text)
  let total = 0
  let shown = 0
  const groups = folders.map((folder) => {
    total += folder.runs.length
    const runs = (query ? folder.runs.filter((run) => matchesQuery(run, query)) : folder.runs.slice()).sort(newestFirst)
    shown += runs.length
    return { folder, runs }
  })
  return { groups, error, total, shown }
}

/** Runs in display order, for keyboard navigation. */
export function flatRuns(view: RunListView): RunListItem[] {
  return view.groups.flatMap((group) => group.runs)
}

/** Where a list item's file lives: absolute as given, else inside its folder. */
export function runFilePath(folder: string, file: string): string {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('\\\\')) return file
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return folder.endsWith(separator) ? folder + file : folder + separator + file
}

/** The file of the run with this id in any open folder, if one is listed. */
export function findRunFile(folders: FolderSnapshot[], runId: string): string | null {
  for (const folder of folders) {
    for (const run of folder.runs)
      if (!run.unreadable && run.run_id === runId) return runFilePath(folder.folder, run.file)
  }
  return null
}
