/**
 * runs.setStatus: pause or resume (spec §14). A run an agent is executing is paused through its
 * runner. Any other run is reloaded from disk first: when it changed since the renderer loaded
 * it, nothing is written and the answer describes the change. Writing anyway (after the user saw
 * that) writes the disk version with only the status changed, so another writer's steps survive.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { WriteResultView } from '../../../src-shared/api/action-types'
import type { DiskChange } from '../../../src-shared/run/diff/change-report'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { serializeRun } from '../../../src-shared/run/save'
import { promises as fs } from 'node:fs'
import { writeFileAtomic } from '../../store/atomic-write'
import { journalPathFor } from '../../store/journal'
import type { FolderRegistry } from '../folder-registry'
import type { LoadPool } from '../../workers/load-pool'
import type { RunManager } from '../../agents/runner/run-manager'
import { confinedRunFile } from '../path-guard'
import { sameStamp, statStamp } from '../../store/file-stamp'
import { readRunOnDisk, refuseUnwritable, type RunOnDisk } from './run-on-disk'
import { ApiError } from '../../../src-shared/api/api-error'

export interface StatusContext {
  registry: FolderRegistry
  pool: LoadPool
  /** The agent runs of this service: a run it knows is owned by its runner. */
  agents: { manager: Pick<RunManager, 'has' | 'pause' | 'resume'> }
}

/** Times the file may change between our read and our write before the write gives up. */
const WRITE_ATTEMPTS = 3

/** The change when the loaded version is no longer known: only its size and time can be compared. */
function unknownChange(expected: { mtimeMs: number; size: number }, now: RunOnDisk): DiskChange {
  const sizes =
    expected.size === now.stamp.size ? `still ${now.stamp.size} bytes` : `${expected.size} -> ${now.stamp.size} bytes`
  return {
    changed: true,
    addedSteps: [],
    removedSteps: [],
    modifiedSteps: [],
    statusChange: null,
    refsChanged: [],
    metadataChanged: false,
    otherFields: [],
    summary: `the file was rewritten since it was loaded (${sizes}); reload to see what changed`
  }
}

/** What another writer changed since the renderer's version; null when nothing that matters did. */
async function changeSince(
  context: StatusContext,
  file: string,
  expected: { mtimeMs: number; size: number },
  now: RunOnDisk
): Promise<DiskChange | null> {
  if (sameStamp(expected, now.stamp)) return null
  const { change } = await context.pool.run({ kind: 'change', file, since: expected })
  if (!change) return unknownChange(expected, now)
  return change.changed ? change : null
}

async function written(file: string, status: string): Promise<WriteResultView> {
  const stamp = await statStamp(file)
  return { ok: true, file, status, mtimeMs: stamp.mtimeMs, size: stamp.size }
}

export async function setStatusAction(
  context: StatusContext,
  request: RequestOf<'runs.setStatus'>
): Promise<WriteResultView> {
  const file = await confinedRunFile(context.registry, request.file)
  const { manager } = context.agents
  if (manager.has(file)) {
    // The runner owns the file: it stops (or continues) at a step boundary and saves itself.
    await (request.status === 'paused' ? manager.pause(file) : manager.resume(file))
    return written(file, request.status)
  }
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const onDisk = await readRunOnDisk(file)
    const overridden = refuseUnwritable(onDisk.run, 'in-place', request.overrideIntegrity === true)
    if (!request.overwriteChanges) {
      const change = await changeSince(context, file, request.expected, onDisk)
      if (change) return { ok: false, conflict: change }
    }
    if (onDisk.run.status === request.status)
      return { ok: true, file, status: request.status, mtimeMs: onDisk.stamp.mtimeMs, size: onDisk.stamp.size }
    onDisk.run.status = request.status
    if (overridden)
      recordIntegrityOverride(onDisk.run, onDisk.run, request.status === 'paused' ? 'pause' : 'resume', overridden)
    const content = serializeRun(onDisk.run)
    // Another writer between our read and now would lose its steps: read again and redo the change.
    if (!sameStamp(await statStamp(file), onDisk.stamp)) continue
    await writeFileAtomic(file, content)
    // The journal's steps are now in the file; leaving it would only be replayed (harmlessly) again.
    await fs.rm(journalPathFor(file), { force: true })
    return written(file, request.status)
  }
  throw new ApiError('conflict', `${file} kept changing while the status was being written; nothing was written`)
}
