/** The run list as flat entries (folder headers, rows, at most one "no match" line) for virtualising. */
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { runFilePath, type RunListView } from '../store/run-list'

export type ListEntry =
  | { type: 'header'; key: string; folder: FolderSnapshot; shown: number }
  | { type: 'row'; key: string; run: RunListItem; file: string; twin: boolean }
  | { type: 'hint'; key: string; text: string }

export const NO_MATCH = 'No run matches the search.'

/** Forks of the same step in the same branch: the row shows their time to tell them apart. */
function twins(runs: RunListItem[]): Set<RunListItem> {
  const byPoint = new Map<string, RunListItem[]>()
  for (const run of runs) {
    if (!run.forkedFrom || !run.forkPoint) continue
    const key = `${run.forkedFrom}\n${run.forkPoint}\n${run.branch ?? ''}`
    const list = byPoint.get(key)
    if (list) list.push(run)
    else byPoint.set(key, [run])
  }
  return new Set([...byPoint.values()].filter((list) => list.length > 1).flat())
}

/**
 * A folder's background check as its rows tell it: rows still "checking" out of all. A page opened
 * while the check runs hears its progress only from the next batch on; until then this counts.
 */
export function checkProgressOfRows(runs: readonly RunListItem[]): { done: number; total: number } | null {
  let unchecked = 0
  for (const run of runs) if (run.integrity === 'checking') unchecked++
  return unchecked ? { done: runs.length - unchecked, total: runs.length } : null
}

export function listEntries(view: RunListView, searching: boolean): ListEntry[] {
  const entries: ListEntry[] = []
  for (const group of view.groups) {
    // A search shows the folders that have matches only.
    if (searching && group.runs.length === 0) continue
    entries.push({
      type: 'header',
      key: `folder:${group.folder.folder}`,
      folder: group.folder,
      shown: group.runs.length
    })
    if (group.folder.runs.length === 0) {
      entries.push({
        type: 'hint',
        key: `empty:${group.folder.folder}`,
        text: 'No .tine files here yet. New runs appear as soon as they are written.'
      })
      continue
    }
    const doubles = twins(group.runs)
    for (const run of group.runs) {
      const file = runFilePath(group.folder.folder, run.file)
      entries.push({ type: 'row', key: file, run, file, twin: doubles.has(run) })
    }
  }
  if (searching && view.shown === 0 && view.total > 0) entries.push({ type: 'hint', key: 'no-match', text: NO_MATCH })
  return entries
}
