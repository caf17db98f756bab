/** One `.tine_runs/index.json` entry (spec §18): what listing and search need without loading the run. */
import { isObject, type JsonValue } from '../tine/json-value'
import { redactCredentials } from '../tine/redact'
import { totalCost } from './cost'
import type { Run } from './run'

export interface IndexEntry {
  file: string
  run_id: string
  model: string
  status: string
  steps: number
  cost: number
  created_at: number
  mtime: number
  format_version: number
  tags: string[]
  /** Lower-cased search text (at most 8000 characters before lower-casing). */
  text: string
  unreadable: boolean
  /** Why an unreadable file could not be loaded (not written by opentine; ours only). */
  reason?: string
}

export const INDEX_TEXT_LIMIT = 8000

/** The first `limit` code points (Python slices by code point, not UTF-16 unit). */
function firstCodePoints(text: string, limit: number): string {
  if (text.length <= limit) return text
  let units = 0
  let points = 0
  while (units < text.length && points < limit) {
    const code = text.charCodeAt(units)
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1
    points++
  }
  return text.slice(0, units)
}

function stringField(record: JsonValue | undefined, key: string): string | null {
  if (!isObject(record)) return null
  const value = record[key]
  return typeof value === 'string' ? value : null
}

/**
 * The searchable text: run id, model, status, tags, prompts, then each step's string
 * `inputs.text`, `inputs.name` and `outputs.result`, as they would be written (credentials redacted).
 * None of these sit under a credential-named key, so redacting each string equals reading them
 * from the redacted dict, without building it.
 */
export function searchText(run: Run): string {
  const parts: string[] = []
  let length = 0
  const add = (value: string | null) => {
    if (!value) return
    const redacted = redactCredentials(value) as string
    parts.push(redacted)
    length += redacted.length + 1
  }
  for (const value of [run.id, run.modelInfo, run.status, run.tags.join(' '), run.userPrompt, run.systemPrompt])
    add(value)
  for (const step of run.steps) {
    // Enough text is collected once it surely exceeds the limit; a huge run need not be walked.
    if (length > INDEX_TEXT_LIMIT * 2) break
    add(stringField(step.inputs, 'text'))
    add(stringField(step.inputs, 'name'))
    add(stringField(step.outputs, 'result'))
  }
  return firstCodePoints(parts.join(' '), INDEX_TEXT_LIMIT).toLowerCase()
}

export function indexEntryForRun(run: Run, file: string, mtime: number, formatVersion: number): IndexEntry {
  return {
    file,
    run_id: run.id,
    model: run.modelInfo,
    status: run.status,
    steps: run.stepCount,
    cost: totalCost(run),
    created_at: run.createdAt,
    mtime,
    format_version: formatVersion,
    tags: [...run.tags],
    text: searchText(run),
    unreadable: false
  }
}

/** The entry of a file that could not be loaded; it is listed but never matches a search. */
export function unreadableEntry(file: string, mtime: number, reason: string): IndexEntry {
  return {
    file,
    run_id: '',
    model: '',
    status: 'corrupt',
    steps: 0,
    cost: 0,
    created_at: 0,
    mtime,
    format_version: 0,
    tags: [],
    text: '',
    unreadable: true,
    reason
  }
}
