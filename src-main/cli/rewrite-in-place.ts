/**
 * Re-saving a run in place (pause, resume, tag) without losing another writer's work: the file
 * and its journal are read, the edit is applied, and the result is written only if neither
 * changed meanwhile; otherwise the edit is applied again on the newest version. A source whose
 * integrity fails is refused unless forced, and a file the user cannot write is never replaced.
 */
import { constants, promises as fs, readFileSync, statSync } from 'node:fs'
import type { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { writeFileAtomic } from '../store/atomic-write'
import { journalPathFor } from '../store/journal'
import { recoverRun } from '../store/journal-recover'
import { UserError } from './errors'
import { guardIntegrity, loadRunBytes, readRunBytes } from './run-io'
import { recordIntegrityOverride } from '../../src-shared/run/tamper'
import { messageOf } from '../../src-shared/tine/errors'

interface Stamp {
  ino: number
  size: number
  mtimeMs: number
}

/** Synchronous on purpose: the last check runs right before the rename, with no await between. */
function stampOfSync(file: string): Stamp | null {
  try {
    const stat = statSync(file)
    return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function same(a: Stamp | null, b: Stamp | null): boolean {
  if (a === null || b === null) return a === b
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs
}

/** Refuses a file whose permissions forbid writing it (root included: the mode says what the owner wants). */
export async function refuseReadOnlyFile(file: string, verb: string): Promise<void> {
  const stat = await fs.stat(file)
  let writable = (stat.mode & 0o200) !== 0
  if (writable)
    writable = await fs.access(file, constants.W_OK).then(
      () => true,
      () => false
    )
  if (!writable)
    throw new UserError(`refusing to ${verb} ${file}: the file is read-only (its permissions do not allow writing it)`)
}

class ChangedMeanwhile extends Error {}

/** Times the file may change under us before the edit gives up and writes nothing. */
const ATTEMPTS = 20

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface InPlaceEdit {
  verb: string
  force: boolean
  /** Changes the run; returns false when there is nothing to write. */
  apply(run: Run): boolean
}

export interface InPlaceResult {
  run: Run
  /** The run as it was read, before the edit (the version the edit was applied to). */
  before: Run
  written: boolean
}

export async function rewriteInPlace(file: string, edit: InPlaceEdit): Promise<InPlaceResult> {
  const journal = journalPathFor(file)
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // Back off a little more each time, at a random offset, so two writers stop colliding.
    if (attempt > 1) await pause(Math.random() * 10 * attempt)
    const fileStamp = stampOfSync(file)
    const journalStamp = stampOfSync(journal)
    const bytes = await readRunBytes(file)
    let run: Run
    let before: Run
    if (journalStamp && journalStamp.size > 0) {
      try {
        run = await recoverRun(file)
        before = await recoverRun(file)
      } catch (error) {
        throw new UserError(`${file}: ${messageOf(error)}`)
      }
    } else {
      run = loadRunBytes(bytes, file)
      before = loadRunBytes(bytes, file)
    }
    // File times are only as fine as the kernel's clock tick and inode numbers are reused, so the
    // bytes themselves are compared as well.
    const unchanged = (): boolean =>
      same(fileStamp, stampOfSync(file)) &&
      same(journalStamp, stampOfSync(journal)) &&
      Buffer.compare(readFileSync(file), bytes) === 0
    if (!unchanged()) continue
    const forced = guardIntegrity(run, file, edit.verb, edit.force)
    if (!edit.apply(run)) return { run, before, written: false }
    if (forced) recordIntegrityOverride(run, before, edit.verb, forced)
    await refuseReadOnlyFile(file, edit.verb)
    const content = serializeRun(run)
    // Another writer since our read: its steps would be lost, so apply the edit again on its version.
    const stillUnchanged = () => {
      if (!unchanged()) throw new ChangedMeanwhile()
    }
    try {
      await writeFileAtomic(file, content, { beforeCommit: stillUnchanged })
    } catch (error) {
      if (error instanceof ChangedMeanwhile) continue
      throw error
    }
    // The journal's steps are in the file now.
    if (journalStamp) await fs.rm(journal, { force: true })
    return { run, before, written: true }
  }
  throw new UserError(
    `${file} kept changing while it was being saved (another program is writing it); nothing was written`
  )
}
