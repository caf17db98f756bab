/**
 * What one journal line holds and how it is replayed onto a run document.
 *
 * Every entry carries absolute positions (transcript index, step ids, cache keys), so replaying
 * is idempotent: a journal that survived a fold (crash between the fold's rename and the
 * journal's deletion) replays onto the folded file without duplicating anything.
 */
import { canonicalString } from '../../src-shared/tine/canonical'
import { isObject, newObject, obj, type JsonObject, type JsonValue } from '../../src-shared/tine/json-value'
import type { Run } from '../../src-shared/run/run'
import { stepToRecord } from '../../src-shared/run/save'
import type { Step } from '../../src-shared/run/types'
import { redactCredentials } from '../../src-shared/tine/redact'

export const JOURNAL_VERSION = 1n

/** Metadata keys the writer derives or strips; never journaled as part of the snapshot. */
const DERIVED_METADATA = new Set(['integrity', 'autosave', 'model_info', 'system_prompt', 'user_prompt', 'tags'])

/** How much of a run is already durable (in the file or in earlier journal lines). */
export class JournalCursor {
  steps = 0
  transcript = 0
  cacheKeys = 0
  metadataText = ''
  manifestText = ''

  /** Everything the run holds now is durable (just folded). */
  static at(run: Run): JournalCursor {
    const cursor = new JournalCursor()
    cursor.steps = run.stepCount
    cursor.transcript = run.transcript.length
    cursor.cacheKeys = Object.keys(run.cache).length
    cursor.metadataText = canonicalString(metadataSnapshot(run))
    cursor.manifestText = canonicalString(run.manifest)
    return cursor
  }
}

/** 'turn': a transcript turn with no step (a resume prompt). Replay ignores the kind, so older readers apply it too. */
export type EntryKind = 'step' | 'tool-starting' | 'turn'

export interface EntryExtras {
  /** The integrity digest of the run file this journal extends (the last fold). */
  base?: string
  /** The step that just completed (journaled even if it replaced a record with the same id). */
  step?: Step
  /** The side-effect call about to start. */
  call?: JsonObject
  secrets?: readonly string[]
}

/** Builds the entry for everything that changed since `cursor`, and advances the cursor. */
export function buildEntry(kind: EntryKind, run: Run, cursor: JournalCursor, extras: EntryExtras = {}): JsonObject {
  const newSteps = run.stepCount > cursor.steps ? newestSteps(run, run.stepCount - cursor.steps, extras.step) : []
  if (extras.step && !newSteps.includes(extras.step)) newSteps.push(extras.step)
  const entry = obj({
    v: JOURNAL_VERSION,
    kind,
    run_id: run.id,
    base: extras.base,
    steps: newSteps.map(stepToRecord),
    transcript_from: BigInt(cursor.transcript),
    transcript: run.transcript.slice(cursor.transcript),
    cache: newCacheEntries(run, cursor.cacheKeys),
    fields: obj({
      status: run.status,
      refs: refsObject(run),
      model_info: run.modelInfo,
      system_prompt: run.systemPrompt,
      user_prompt: run.userPrompt,
      tags: [...run.tags]
    }),
    call: extras.call
  })
  const metadata = metadataSnapshot(run)
  const metadataText = canonicalString(metadata)
  if (metadataText !== cursor.metadataText) entry.metadata = metadata
  const manifestText = canonicalString(run.manifest)
  if (manifestText !== cursor.manifestText) entry.manifest = run.manifest

  cursor.steps = run.stepCount
  cursor.transcript = run.transcript.length
  cursor.cacheKeys = Object.keys(run.cache).length
  cursor.metadataText = metadataText
  cursor.manifestText = manifestText
  // Keys held by the app never reach the disk, journal included.
  return redactCredentials(entry, extras.secrets) as JsonObject
}

/** The last `count` steps in order; cheap when it is just the step being reported. */
function newestSteps(run: Run, count: number, latest: Step | undefined): Step[] {
  // The agent reports the step it just added; Run.lastStep() would walk every step to confirm it.
  if (count === 1 && latest && run.getStep(latest.id) === latest) return [latest]
  return run.steps.slice(-count)
}

function newCacheEntries(run: Run, known: number): JsonObject {
  const keys = Object.keys(run.cache)
  const out = newObject()
  for (const key of keys.slice(known)) out[key] = run.cache[key]
  return out
}

function refsObject(run: Run): JsonObject {
  const refs = newObject()
  for (const name of Object.keys(run.refs)) refs[name] = run.refs[name]
  return refs
}

function metadataSnapshot(run: Run): JsonObject {
  const snapshot = newObject()
  for (const key of Object.keys(run.metadata)) if (!DERIVED_METADATA.has(key)) snapshot[key] = run.metadata[key]
  return snapshot
}

/**
 * Whether an entry belongs to this file: the same run, extending exactly the saved state whose
 * digest is `baseDigest`. An entry written before the last save (a crash between the save and
 * the journal's deletion) names an older digest and is not applied, so it cannot move refs back.
 */
export function entryBelongs(entry: JsonObject, runId: JsonValue | undefined, baseDigest: string): boolean {
  return entry.v === JOURNAL_VERSION && entry.run_id === runId && entry.base === baseDigest
}

/**
 * Applies one entry to a parsed v2 document in place. Returns false (and changes nothing) when
 * the entry does not fit the document: another run or saved state, a transcript gap, or a record
 * that would replace a step the saved file holds (a journal only ever adds to the file).
 */
export function applyEntry(
  document: JsonObject,
  entry: JsonObject,
  baseDigest: string,
  savedSteps: ReadonlySet<string>
): boolean {
  if (!entryBelongs(entry, document.run_id, baseDigest)) return false
  const graph = document.graph
  const transcript = document.transcript
  if (!isObject(graph) || !isObject(graph.steps) || !Array.isArray(transcript)) return false
  const from = entry.transcript_from
  if (typeof from !== 'bigint' || Number(from) > transcript.length || !Array.isArray(entry.transcript)) return false
  for (const record of Array.isArray(entry.steps) ? entry.steps : []) {
    if (!isObject(record) || typeof record.id !== 'string' || !savedSteps.has(record.id)) continue
    if (canonicalString(record) !== canonicalString(graph.steps[record.id] as JsonValue)) return false
  }

  const steps = graph.steps
  if (!Array.isArray(graph.order)) graph.order = Object.keys(steps)
  const order = graph.order as JsonValue[]
  for (const record of Array.isArray(entry.steps) ? entry.steps : []) {
    if (!isObject(record) || typeof record.id !== 'string') continue
    if (!(record.id in steps)) order.push(record.id)
    steps[record.id] = record
  }
  entry.transcript.forEach((turn, index) => {
    transcript[Number(from) + index] = turn
  })
  if (isObject(entry.cache)) {
    if (!isObject(document.cache)) document.cache = newObject()
    const cache = document.cache as JsonObject
    for (const key of Object.keys(entry.cache)) cache[key] = entry.cache[key]
  }
  if (isObject(entry.manifest)) document.manifest = entry.manifest
  const metadata = isObject(document.metadata) ? document.metadata : newObject()
  if (isObject(entry.metadata)) {
    for (const key of Object.keys(metadata)) if (!DERIVED_METADATA.has(key)) delete metadata[key]
    for (const key of Object.keys(entry.metadata)) metadata[key] = entry.metadata[key]
  }
  const fields = isObject(entry.fields) ? entry.fields : newObject()
  if (typeof fields.status === 'string') document.status = fields.status
  if (isObject(fields.refs)) document.refs = fields.refs
  for (const key of ['model_info', 'system_prompt', 'user_prompt'] as const) {
    if (typeof fields[key] === 'string') metadata[key] = fields[key]
  }
  if (Array.isArray(fields.tags)) {
    if (fields.tags.length) metadata.tags = fields.tags
    else delete metadata.tags
  }
  document.metadata = metadata
  return true
}
