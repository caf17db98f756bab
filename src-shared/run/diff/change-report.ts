/**
 * "Reload from disk before writing": what another writer changed between the run the app loaded
 * and the run on disk now, so the user can reload or cancel instead of overwriting their steps.
 */
import { jsonEqual, newObject, type JsonObject, type JsonValue } from '../../tine/json-value'
import { shortId } from '../format'
import type { Run } from '../run'
import { stepToRecord } from '../save'

export interface DiskChange {
  changed: boolean
  /** On disk, not in the loaded run (in the disk run's order). */
  addedSteps: string[]
  /** In the loaded run, gone from disk (in the loaded run's order). */
  removedSteps: string[]
  /** Same id, different record. */
  modifiedSteps: string[]
  statusChange: { from: string; to: string } | null
  /** Ref names added, removed or moved, sorted. */
  refsChanged: string[]
  /** Anything else about the run: metadata, tags, prompts, transcript, manifest, policies… */
  metadataChanged: boolean
  /** The run-level fields behind `metadataChanged`, for the dialog's details. */
  otherFields: string[]
  /** One line for the dialog. */
  summary: string
}

const SHOWN_IDS = 3

/** Run-level fields compared as a whole; `id` first, because a different id means another run. */
const RUN_FIELDS: Array<[string, (run: Run) => JsonValue]> = [
  ['run id', (run) => run.id],
  ['created_at', (run) => run.createdAt],
  ['model_info', (run) => run.modelInfo],
  ['system_prompt', (run) => run.systemPrompt],
  ['user_prompt', (run) => run.userPrompt],
  ['tags', (run) => run.tags],
  ['metadata', (run) => withoutIntegrity(run.metadata)],
  ['transcript', (run) => run.transcript],
  ['manifest', (run) => run.manifest],
  ['policies', (run) => run.policies],
  ['cache', (run) => run.cache],
  ['draft', (run) => run.draft],
  ['extra fields', (run) => run.extraTopLevel]
]

/** The digest and signature follow every change of content, so they are not news of their own. */
function withoutIntegrity(metadata: JsonObject): JsonObject {
  if (!('integrity' in metadata)) return metadata
  const rest = newObject()
  for (const key of Object.keys(metadata)) if (key !== 'integrity') rest[key] = metadata[key]
  return rest
}

function idList(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).map(shortId).join(', ')
  return ids.length > SHOWN_IDS ? `${shown}, …` : shown
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

export function describeDiskChange(loaded: Run, onDisk: Run): DiskChange {
  const addedSteps = onDisk.order.filter((id) => !loaded.hasStep(id))
  const removedSteps = loaded.order.filter((id) => !onDisk.hasStep(id))
  const modifiedSteps = loaded.order.filter((id) => {
    const other = onDisk.getStep(id)
    return other !== undefined && !jsonEqual(stepToRecord(loaded.getStep(id)!), stepToRecord(other))
  })
  const statusChange = loaded.status === onDisk.status ? null : { from: loaded.status, to: onDisk.status }
  const refNames = new Set([...Object.keys(loaded.refs), ...Object.keys(onDisk.refs)])
  const refsChanged = [...refNames].filter((name) => loaded.refs[name] !== onDisk.refs[name]).sort()
  const otherFields = RUN_FIELDS.filter(([, read]) => !jsonEqual(read(loaded), read(onDisk))).map(([name]) => name)

  const parts: string[] = []
  if (otherFields[0] === 'run id') parts.push(`the file now holds another run (${shortId(onDisk.id)})`)
  if (addedSteps.length)
    parts.push(`${plural(addedSteps.length, 'step')} added by another writer (${idList(addedSteps)})`)
  if (removedSteps.length) parts.push(`${plural(removedSteps.length, 'step')} removed (${idList(removedSteps)})`)
  if (modifiedSteps.length) parts.push(`${plural(modifiedSteps.length, 'step')} modified (${idList(modifiedSteps)})`)
  if (statusChange) parts.push(`status ${statusChange.from} -> ${statusChange.to}`)
  // Refs that merely follow added steps are already said; only other moves are worth a mention.
  const refsOnly = refsChanged.filter((name) => !addedSteps.includes(onDisk.refs[name] ?? ''))
  if (refsOnly.length) parts.push(`refs changed (${refsOnly.join(', ')})`)
  const restFields = otherFields.filter((name) => name !== 'run id')
  if (restFields.length) parts.push(`${restFields.join(', ')} changed`)

  const changed = parts.length > 0 || refsChanged.length > 0
  return {
    changed,
    addedSteps,
    removedSteps,
    modifiedSteps,
    statusChange,
    refsChanged,
    metadataChanged: otherFields.length > 0,
    otherFields,
    summary: changed ? parts.join(', ') || `refs changed (${refsChanged.join(', ')})` : 'unchanged on disk'
  }
}
