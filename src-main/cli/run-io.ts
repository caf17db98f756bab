/** Reading the run a command names and writing the files it creates, with one-line errors. */
import path from 'node:path'
import { messageOf, TineError } from '../../src-shared/tine/errors'
import { loadRunFromBytes } from '../../src-shared/run/load'
import type { Run } from '../../src-shared/run/run'
import { tamperReason } from '../../src-shared/run/tamper'
import { readArtifactFile, saveRun } from '../store/run-file'
import { RUNS_DIR_NAME } from '../store/run-index'
import { resolveRunArgument } from '../store/run-lookup'
import { UserError } from './errors'
import { warn } from './output'

export interface OpenedRun {
  run: Run
  /** The path as the user will recognise it (relative to the working directory when looked up). */
  path: string
  bytes: Uint8Array
}

/** The bytes of a file, with read failures as one-line user errors. */
export async function readRunBytes(file: string): Promise<Uint8Array> {
  try {
    return await readArtifactFile(file)
  } catch (error) {
    if (error instanceof TineError) throw new UserError(`${file}: ${error.message}`)
    throw new UserError(messageOf(error))
  }
}

/** Parses and loads bytes; a refused file names itself in the message. */
export function loadRunBytes(bytes: Uint8Array, file: string): Run {
  try {
    return loadRunFromBytes(bytes)
  } catch (error) {
    if (error instanceof TineError) throw new UserError(`${file}: ${error.message}`)
    throw error
  }
}

/** Resolves a RUN argument (path, file stem prefix or run id prefix) and loads it. */
export async function openRun(argument: string): Promise<OpenedRun> {
  const file = await resolveRunArgument(argument)
  const bytes = await readRunBytes(file)
  return { run: loadRunBytes(bytes, file), path: file, bytes }
}

/** `.tine_runs/<run id>.tine` under the working directory, or the path the user chose. */
export function outputPathFor(runId: string, save?: string): string {
  if (save) return save
  if (runId.includes('/') || runId.includes('\\') || runId === '.' || runId === '..') {
    throw new UserError(`run id ${JSON.stringify(runId)} cannot be used as a file name; pass --save PATH`)
  }
  return path.join(RUNS_DIR_NAME, `${runId}.tine`)
}

/** Writes a new artifact atomically; an existing file is refused unless `force`. */
export async function writeNewRun(run: Run, target: string, force: boolean): Promise<void> {
  await saveRun(run, target, { exclusive: !force })
}

/** True when a re-save of this run will drop the signature it was loaded with. */
export function hadSignature(run: Run): boolean {
  return run.provenance.loadedSignature !== undefined
}

/**
 * Refuses to write from a run whose integrity fails, unless forced. Returns the failure reason
 * when the user forced it (the caller records it on what it writes), else null.
 */
export function guardIntegrity(run: Run, file: string, verb: string, force: boolean): string | null {
  const reason = tamperReason(run)
  if (reason === null) return null
  if (!force)
    throw new UserError(
      `refusing to ${verb} ${file}: integrity check failed (${reason}); pass --force to ${verb} anyway`
    )
  warn(
    `${file} failed its integrity check (${reason}); writing anyway because of --force, and recording that in metadata.warnings`
  )
  return reason
}
