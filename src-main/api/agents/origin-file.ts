/** The file of a fork's origin (metadata.forked_from) among the opened folders, if it is listed. */
import path from 'node:path'
import type { Run } from '../../../src-shared/run/run'
import { str } from '../../../src-shared/tine/json-value'
import type { FolderRegistry } from '../folder-registry'

export function originFileOf(registry: FolderRegistry, run: Run): string | null {
  const origin = str(run.metadata.forked_from)
  if (!origin) return null
  for (const snapshot of registry.snapshots()) {
    for (const item of snapshot.runs) {
      if (!item.unreadable && item.run_id === origin) return path.resolve(snapshot.folder, item.file)
    }
  }
  return null
}
