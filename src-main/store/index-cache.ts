/**
 * The per-folder listing cache of the explorer: one JSON file per opened folder in the app's cache
 * folder (named by the SHA-256 of the folder path), mapping each run file to its list row, valid
 * while the file's mtime and size are unchanged. It only ever saves work: a cache that is missing,
 * corrupt, or written by another app version is discarded silently and rebuilt.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { RunListItem } from '../../src-shared/api/types'
import { writeFileAtomic } from './atomic-write'

const CACHE_FORMAT = 2
const SAVE_DELAY_MS = 1000

interface CachedRow {
  mtimeMs: number
  size: number
  item: RunListItem
}

interface CacheFile {
  cacheFormat: number
  appVersion: string
  folder: string
  entries: Record<string, CachedRow>
}

export interface CacheStats {
  hits: number
  misses: number
}

export function cacheFileFor(cacheDir: string, folder: string): string {
  return path.join(cacheDir, `${createHash('sha256').update(folder).digest('hex')}.json`)
}

function isCachedRow(value: unknown): value is CachedRow {
  if (typeof value !== 'object' || value === null) return false
  const row = value as CachedRow
  return (
    typeof row.mtimeMs === 'number' &&
    typeof row.size === 'number' &&
    typeof row.item === 'object' &&
    row.item !== null &&
    typeof row.item.file === 'string' &&
    typeof row.item.run_id === 'string' &&
    typeof row.item.unreadable === 'boolean'
  )
}

export class FolderIndexCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 }
  private dirty = false
  private timer: NodeJS.Timeout | null = null
  private saving: Promise<void> = Promise.resolve()

  private constructor(
    readonly file: string,
    private readonly folder: string,
    private readonly appVersion: string,
    private readonly rows: Map<string, CachedRow>
  ) {}

  /** The cache of `folder`; empty when there is none yet or the stored one cannot be used. */
  static async open(cacheDir: string, folder: string, appVersion: string): Promise<FolderIndexCache> {
    const file = cacheFileFor(cacheDir, folder)
    const rows = new Map<string, CachedRow>()
    try {
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile
      if (
        stored &&
        stored.cacheFormat === CACHE_FORMAT &&
        stored.appVersion === appVersion &&
        stored.folder === folder &&
        typeof stored.entries === 'object' &&
        stored.entries
      ) {
        for (const name of Object.keys(stored.entries)) {
          const row = stored.entries[name]
          if (isCachedRow(row)) rows.set(name, row)
        }
      }
    } catch {
      // Missing or corrupt: start empty; the next save replaces it.
    }
    return new FolderIndexCache(file, folder, appVersion, rows)
  }

  get size(): number {
    return this.rows.size
  }

  /** The cached row while the file is unchanged, else undefined. */
  lookup(name: string, mtimeMs: number, size: number): RunListItem | undefined {
    const row = this.rows.get(name)
    if (row && row.mtimeMs === mtimeMs && row.size === size) {
      this.stats.hits++
      return row.item
    }
    this.stats.misses++
    return undefined
  }

  store(name: string, mtimeMs: number, size: number, item: RunListItem): void {
    this.rows.set(name, { mtimeMs, size, item })
    this.markDirty()
  }

  forget(name: string): void {
    if (this.rows.delete(name)) this.markDirty()
  }

  /** Drops rows of files that no longer exist. */
  retainOnly(names: ReadonlySet<string>): void {
    for (const name of [...this.rows.keys()]) if (!names.has(name)) this.forget(name)
  }

  /** Writes now if anything changed (atomically: a crash leaves the old cache or the new one). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.dirty) return this.saving
    this.dirty = false
    const document: CacheFile = {
      cacheFormat: CACHE_FORMAT,
      appVersion: this.appVersion,
      folder: this.folder,
      entries: Object.fromEntries(this.rows)
    }
    const text = JSON.stringify(document)
    this.saving = this.saving
      .then(() => writeFileAtomic(this.file, text))
      .catch(() => {
        // A read-only or full cache folder only costs speed on the next open.
      })
    return this.saving
  }

  private markDirty(): void {
    this.dirty = true
    if (this.timer) return
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS)
    this.timer.unref()
  }
}
