/**
 * Which run a comparison starts from. A fork compares with its origin by default; an origin with
 * its newest fork. The older run is always side A, so "added" means what the newer run did.
 */
import type { FolderSnapshot, RunListItem, RunView } from '../../src-shared/api/types'
import { findRunFile, runFilePath } from '../store/run-list'

export interface ComparePair {
  fileA: string
  fileB: string
}

interface Listed {
  item: RunListItem
  file: string
}

function listed(folders: FolderSnapshot[]): Listed[] {
  return folders.flatMap((folder) =>
    folder.runs
      .filter((item) => !item.unreadable)
      .map((item) => ({ item, file: runFilePath(folder.folder, item.file) }))
  )
}

/** The default pair for the open run, or null when it has no origin and no fork in the open folders. */
export function defaultComparePair(run: RunView, folders: FolderSnapshot[]): ComparePair | null {
  if (run.forkedFrom) {
    const origin = findRunFile(folders, run.forkedFrom)
    if (origin && origin !== run.file) return { fileA: origin, fileB: run.file }
  }
  const forks = listed(folders)
    .filter(({ item, file }) => item.forkedFrom === run.runId && file !== run.file)
    .sort((a, b) => b.item.created_at - a.item.created_at || a.file.localeCompare(b.file))
  return forks.length > 0 ? { fileA: run.file, fileB: forks[0].file } : null
}

/** Orders two picked runs: origin first when one forked the other, else the older first. */
export function orderPair(first: string, second: string, folders: FolderSnapshot[]): ComparePair {
  const byFile = new Map(listed(folders).map((entry) => [entry.file, entry.item]))
  const a = byFile.get(first)
  const b = byFile.get(second)
  if (a && b) {
    if (b.forkedFrom && b.forkedFrom === a.run_id) return { fileA: first, fileB: second }
    if (a.forkedFrom && a.forkedFrom === b.run_id) return { fileA: second, fileB: first }
    if (b.created_at < a.created_at) return { fileA: second, fileB: first }
  }
  return { fileA: first, fileB: second }
}

/** Runs the open run can be compared with, newest first, for the "Compare with…" chooser. */
export function compareCandidates(run: RunView, folders: FolderSnapshot[]): Listed[] {
  return listed(folders)
    .filter(({ file }) => file !== run.file)
    .sort((a, b) => b.item.created_at - a.item.created_at || a.file.localeCompare(b.file))
}
