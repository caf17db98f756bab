/** runs.lineage: the fork families of every run the open folders list, from their list rows. */
import type { FolderSnapshot } from '../../../src-shared/api/types'
import { buildLineage, type LineageEntry, type LineageNode } from '../../../src-shared/run/lineage'

/** One entry per readable file (a file listed by two opened folders counts once). */
export function lineageEntries(snapshots: readonly FolderSnapshot[]): LineageEntry[] {
  const byFile = new Map<string, LineageEntry>()
  for (const snapshot of snapshots) {
    for (const item of snapshot.runs) {
      if (item.unreadable || byFile.has(item.file)) continue
      byFile.set(item.file, {
        runId: item.run_id,
        file: item.file,
        forkedFrom: item.forkedFrom,
        forkPoint: item.forkPoint ?? null,
        branch: item.branch ?? null,
        reason: item.forkReason ?? null,
        createdAt: item.created_at,
        status: item.status
      })
    }
  }
  return [...byFile.values()]
}

export function lineageAction(snapshots: readonly FolderSnapshot[]): LineageNode[] {
  return buildLineage(lineageEntries(snapshots))
}
