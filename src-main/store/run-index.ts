/**
 * `.tine_runs/index.json`, the rebuildable listing cache (spec §18). Never authoritative: it is
 * discarded when unreadable or of another version, and an entry is reused only while its file's
 * mtime is unchanged. Unloadable files are listed as unreadable, never fatal.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseArtifactBytes } from '../../src-shared/tine/parse'
import { isObject, newObject, obj, type JsonObject, type JsonValue } from '../../src-shared/tine/json-value'
import { prettyJson } from '../../src-shared/tine/pretty'
import { indexEntryForRun, unreadableEntry, type IndexEntry } from '../../src-shared/run/index-entry'
import { loadRun } from './run-file'
import { writeFileAtomic } from './atomic-write'
import { messageOf } from '../../src-shared/tine/errors'

export const RUNS_DIR_NAME = '.tine_runs'
export const INDEX_FILE_NAME = 'index.json'
export const INDEX_VERSION = 1n
export const COVERED_FORMAT_VERSION = 2n

const INT_FIELDS = new Set(['steps', 'format_version'])
const FLOAT_FIELDS = new Set(['cost', 'created_at', 'mtime'])

export function runsDirFor(cwd: string): string {
  return path.join(cwd, RUNS_DIR_NAME)
}

/** `.tine` files directly in the runs folder, in directory-listing order (spec §17 lookup). */
export async function listRunFiles(runsDir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(runsDir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return []
    throw error
  }
  return names.filter((name) => name.endsWith('.tine') && !name.startsWith('.'))
}

export function entryToJson(entry: IndexEntry): JsonObject {
  // opentine records only these for a file it could not load; the reason is ours.
  if (entry.unreadable) return obj({ file: entry.file, mtime: entry.mtime, reason: entry.reason, unreadable: true })
  const out = newObject()
  const record = entry as unknown as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const value = record[key]
    if (value === undefined) continue
    if (INT_FIELDS.has(key) && typeof value === 'number') out[key] = BigInt(Math.trunc(value))
    else if (FLOAT_FIELDS.has(key) && typeof value === 'number') out[key] = value
    else out[key] = plainToJson(value)
  }
  return out
}

function plainToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value
  if (Array.isArray(value)) return value.map(plainToJson)
  if (typeof value === 'object') {
    const out = newObject()
    for (const key of Object.keys(value)) out[key] = plainToJson((value as Record<string, unknown>)[key])
    return out
  }
  return null
}

function entryFromJson(value: JsonValue): IndexEntry | null {
  if (!isObject(value) || typeof value.file !== 'string' || typeof value.mtime !== 'number') return null
  if (value.unreadable === true)
    return unreadableEntry(value.file, value.mtime, typeof value.reason === 'string' ? value.reason : '')
  if (typeof value.run_id !== 'string' || typeof value.text !== 'string' || !Array.isArray(value.tags)) return null
  const entry: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const field = value[key]
    entry[key] = typeof field === 'bigint' ? Number(field) : jsonToPlain(field)
  }
  return entry as unknown as IndexEntry
}

function jsonToPlain(value: JsonValue): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(jsonToPlain)
  if (isObject(value)) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) out[key] = jsonToPlain(value[key])
    return out
  }
  return value
}

/** Cached entries by file name; empty when the index is missing, unreadable or stale in version. */
export async function readIndex(runsDir: string): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>()
  let document: JsonValue
  try {
    document = parseArtifactBytes(new Uint8Array(await fs.readFile(path.join(runsDir, INDEX_FILE_NAME))))
  } catch {
    return entries
  }
  if (
    !isObject(document) ||
    document.index_version !== INDEX_VERSION ||
    document.covered_format_version !== COVERED_FORMAT_VERSION
  )
    return entries
  if (!isObject(document.entries)) return entries
  for (const name of Object.keys(document.entries)) {
    const entry = entryFromJson(document.entries[name])
    if (entry && entry.file === name) entries.set(name, entry)
  }
  return entries
}

function sourceFormatVersion(format: string): number {
  if (format === 'v1') return 1
  if (format === 'legacy-0.1.0') return 0
  return 2
}

/** Loads one file into an entry; a file that cannot be loaded becomes an unreadable entry. */
export async function entryForFile(runsDir: string, name: string, mtime: number): Promise<IndexEntry> {
  try {
    const run = await loadRun(path.join(runsDir, name))
    return indexEntryForRun(run, name, mtime, sourceFormatVersion(run.provenance.sourceFormat))
  } catch (error) {
    return unreadableEntry(name, mtime, messageOf(error))
  }
}

export interface RefreshOptions {
  /** Write the refreshed index back (skipped silently when the folder is read-only). */
  persist?: boolean
}

/** The current entries for every `.tine` file, reusing cached ones whose mtime is unchanged. */
export async function refreshIndex(runsDir: string, options: RefreshOptions = {}): Promise<IndexEntry[]> {
  const names = await listRunFiles(runsDir)
  if (names.length === 0) return []
  const cached = await readIndex(runsDir)
  let changed = cached.size !== names.length
  const entries: IndexEntry[] = []
  for (const name of names) {
    let stat
    try {
      stat = await fs.stat(path.join(runsDir, name))
    } catch {
      changed = true
      continue // vanished between listing and stat
    }
    if (!stat.isFile()) continue
    const mtime = stat.mtimeMs / 1000
    const hit = cached.get(name)
    if (hit && hit.mtime === mtime) {
      entries.push(hit)
      continue
    }
    changed = true
    entries.push(await entryForFile(runsDir, name, mtime))
  }
  if (changed && options.persist !== false) await writeIndex(runsDir, entries).catch(() => undefined)
  return entries
}

export async function writeIndex(runsDir: string, entries: IndexEntry[]): Promise<void> {
  const map = newObject()
  for (const entry of entries) map[entry.file] = entryToJson(entry)
  const document = obj({
    covered_format_version: COVERED_FORMAT_VERSION,
    entries: map,
    generated_at: Date.now() / 1000,
    index_version: INDEX_VERSION
  })
  await writeFileAtomic(path.join(runsDir, INDEX_FILE_NAME), prettyJson(document))
}
