/**
 * Loading a run that may have been checkpointed: the `.tine` plus the valid prefix of its
 * journal. Every loader of the app goes through here, so a run cut off by a crash shows every
 * step that completed before it.
 */
import { promises as fs } from 'node:fs'
import { readArtifactBytes } from '../../src-shared/tine/artifact'
import { integrityDigest, verifyIntegrity } from '../../src-shared/tine/integrity'
import { isObject, obj, type JsonObject } from '../../src-shared/tine/json-value'
import { runFromArtifact, type LoadOptions } from '../../src-shared/run/load'
import type { Run } from '../../src-shared/run/run'
import { applyEntry } from './journal-entry'
import { journalPathFor, readJournal } from './journal'
import { readArtifactFile } from './run-file'

export interface RecoveredRun {
  run: Run
  /** Journal entries replayed onto the file. */
  replayedEntries: number
  /** Bytes of a torn or corrupt journal tail that were ignored. */
  ignoredBytes: number
}

export async function recoverRunDetailed(file: string, options: LoadOptions = {}): Promise<RecoveredRun> {
  const bytes = await readArtifactFile(file, options.maxBytes)
  const artifact = readArtifactBytes(bytes, options)
  const journal = await readJournal(journalPathFor(file)).catch(() => ({ entries: [], ignoredBytes: 0 }))
  if (artifact.sourceFormat !== 'v2' || journal.entries.length === 0) {
    return { run: runFromArtifact(artifact, options), replayedEntries: 0, ignoredBytes: journal.ignoredBytes }
  }
  const document = artifact.document
  // A journal extends one saved state, named by the digest the file records. (A tampered file
  // stays marked tampered with its journal applied: its digest is not recomputed below.)
  const recorded = artifact.integrity?.expected ?? null
  const graph = isObject(document.graph) ? document.graph : obj({})
  const savedSteps = new Set(isObject(graph.steps) ? Object.keys(graph.steps) : [])
  let replayed = 0
  for (const entry of journal.entries) {
    if (typeof recorded !== 'string' || !applyEntry(document, entry, recorded, savedSteps)) break
    replayed++
  }
  if (replayed > 0) markRecoveredDraft(document, artifact.integrity?.ok === true)
  const integrity = verifyIntegrity(document)
  const run = runFromArtifact({ ...artifact, integrity }, options)
  if (replayed > 0) run.provenance.journalEntries = replayed
  return { run, replayedEntries: replayed, ignoredBytes: journal.ignoredBytes }
}

/** The file plus its journal, as one run. */
export async function recoverRun(file: string, options: LoadOptions = {}): Promise<Run> {
  return (await recoverRunDetailed(file, options)).run
}

/** Whether a run file has a journal beside it (an unfinished checkpointed run). */
export async function hasJournal(file: string): Promise<boolean> {
  try {
    const stat = await fs.lstat(journalPathFor(file))
    return stat.isFile() && stat.size > 0
  } catch {
    return false
  }
}

/**
 * A recovered run is a draft checkpoint. Its digest is recomputed only when the file's own digest
 * held: a tampered file must stay visibly tampered, journal or not.
 */
function markRecoveredDraft(document: JsonObject, fileVerified: boolean): void {
  const metadata = isObject(document.metadata) ? document.metadata : obj({})
  const graph = document.graph as JsonObject
  const order = Array.isArray(graph.order) ? graph.order : []
  document.draft = true
  metadata.autosave = obj({ partial: true, status: document.status, step_count: BigInt(order.length) })
  if (fileVerified) metadata.integrity = obj({ algorithm: 'sha256', digest: integrityDigest(document) })
  document.metadata = metadata
}
