/**
 * What the write actions start from: the run exactly as it is on disk now, read in this process
 * (a write needs the Run itself), with the file stamp it was read at, and the one rule deciding
 * which runs may be written.
 */
import { trustView, type FileStamp } from '../../../src-shared/api/run-view'
import { loadRunFromBytes } from '../../../src-shared/run/load'
import type { Run } from '../../../src-shared/run/run'
import path from 'node:path'
import { tamperReason } from '../../../src-shared/run/tamper'
import { hasJournal, recoverRun } from '../../store/journal-recover'
import { statStamp, sameStamp } from '../../store/file-stamp'
import { readArtifactFile, saveRun } from '../../store/run-file'
import { TargetExistsError } from '../../store/atomic-write'
import { messageOf } from '../../../src-shared/tine/errors'
import { ApiError } from '../../../src-shared/api/api-error'

export interface RunOnDisk {
  run: Run
  bytes: Uint8Array
  stamp: FileStamp
}

/** Attempts to read a file an agent keeps rewriting before giving up on a settled copy. */
const SETTLE_ATTEMPTS = 5

/** Reads and parses the file, again while it changes under the read, so bytes and stamp agree. */
export async function readRunOnDisk(file: string): Promise<RunOnDisk> {
  for (let attempt = 1; ; attempt++) {
    const before = await statStamp(file)
    let bytes: Uint8Array
    try {
      bytes = await readArtifactFile(file)
    } catch (error) {
      throw new ApiError('unreadable', `cannot read ${file}: ${messageOf(error)}`)
    }
    const after = await statStamp(file)
    if ((!sameStamp(before, after) || bytes.length !== after.size) && attempt < SETTLE_ATTEMPTS) continue
    try {
      // A crashed or paused agent run may hold steps in its journal only: a write must keep them.
      const run = (await hasJournal(file)) ? await recoverRun(file) : loadRunFromBytes(bytes)
      return { run, bytes, stamp: after }
    } catch (error) {
      throw new ApiError('unreadable', `cannot load ${file}: ${messageOf(error)}`)
    }
  }
}

/**
 * Why this run must not be written, or null. A run whose digest does not verify is read-only
 * (forking it would launder edited content into a freshly digested file). Rewriting a legacy
 * 0.1.0 file in place would also silently change its format and step ids, so only forks of it
 * are allowed.
 */
export function writeRefusal(run: Run, write: 'fork' | 'in-place', overrideIntegrity = false): string | null {
  const reason = trustView(run).readOnlyReason
  if (reason && !(overrideIntegrity && tamperReason(run))) return reason
  if (write === 'in-place' && run.provenance.sourceFormat === 'legacy-0.1.0') {
    return 'legacy 0.1.0 file: saving it would rewrite it in the current format with new step ids; fork it instead'
  }
  return null
}

/**
 * Refuses a write the rule forbids. With the user's explicit override a tampered source may be
 * written; the reason is returned so the written run records it (metadata.warnings).
 */
export function refuseUnwritable(run: Run, write: 'fork' | 'in-place', overrideIntegrity = false): string | null {
  const reason = writeRefusal(run, write, overrideIntegrity)
  if (reason) throw new ApiError('read-only', `${reason}; confirm the override to write it anyway`)
  return tamperReason(run)
}

/**
 * Writes a new run (a fork, an edit, a retry) as `<run id>.tine` beside its source and returns that
 * path; an existing file there is never replaced.
 */
export async function writeBesideSource(run: Run, sourceFile: string): Promise<string> {
  const target = path.join(path.dirname(sourceFile), `${run.id}.tine`)
  try {
    await saveRun(run, target, { exclusive: true })
  } catch (error) {
    if (error instanceof TargetExistsError)
      throw new ApiError('conflict', `a run already exists at ${target}; nothing was written`)
    throw new ApiError('write-failed', `cannot write ${target}: ${messageOf(error)}`)
  }
  return target
}
