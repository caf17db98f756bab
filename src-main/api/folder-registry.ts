/**
 * The folders (and single files) the user opened: their run lists, kept current by a watcher, with
 * a per-folder index cache so a large folder lists at once on the next open. It is also the one
 * authority on which paths the renderer may read (`allows`).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { ApiError } from '../../src-shared/api/api-error'
import type { PushEvent } from '../../src-shared/api/contract'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { LoadError } from '../store/load-error'
import type { LoadPool } from '../workers/load-pool'
import {
  countSearchedFolders,
  isListedRelativePath,
  isRunFileName,
  relativeName,
  scanRunFiles,
  statRunFile,
  type RunFileStat
} from '../store/folder-scan'
import { sweepStaleTemps } from '../store/atomic-write'
import { FolderWatcher } from '../store/folder-watcher'
import { FolderIndexCache } from '../store/index-cache'
import { messageOf } from '../../src-shared/tine/errors'
import { broadFolderReason, currentFolderScope, type FolderScope } from './folder-scope'

export interface FolderRegistryOptions {
  pool: LoadPool
  cacheDir: string
  appVersion: string
  usePolling?: boolean
  debounceMs?: number
  emit: (event: PushEvent) => void
  log: (line: string) => void
  /** The home, temporary and system folders that decide which folders need a confirmation. */
  scope?: FolderScope
  /** The most folders all opened folders may watch together. */
  maxWatchedFolders?: number
}

export interface OpenOptions {
  /** The user confirmed opening a folder that is the root, above their home or a system folder. */
  confirmBroad?: boolean
}

/** Far below the usual inotify limits, far above any folder of runs. */
export const MAX_WATCHED_FOLDERS = 4096

/** Files loaded at once when a folder is looked at again: enough to keep a worker busy, few enough for open file limits. */
const LISTING_CONCURRENCY = 8
/**
 * Quick reads asked for at once while a folder is first listed. The pool spreads files over its
 * workers by name, so with few in flight one worker often waits while the other holds them all;
 * a worker reads one file at a time, so more in flight holds no more files open.
 */
const PREVIEW_CONCURRENCY = 32
/**
 * Full checks in flight behind a quick listing. Few, so a run the user opens meanwhile waits for
 * at most this many small loads in the worker's queue, never for the whole folder.
 */
const VERIFY_CONCURRENCY = 2
const VERIFY_PROGRESS_MS = 100
/** A file read while it was being written is read again this many times, this far apart. */
const UNSTABLE_RETRIES = 5
const UNSTABLE_RETRY_MS = 200

interface FileState {
  loading: boolean
  dirty: boolean
  retries: number
  retryTimer: NodeJS.Timeout | null
}

class OpenedFolder {
  readonly runs = new Map<string, RunListItem>()
  readonly states = new Map<string, FileState>()
  watcher!: FolderWatcher
  cache: FolderIndexCache | null = null
  listed!: Promise<void>
  /** The background check of the rows listed from quick reads. */
  verified: Promise<void> = Promise.resolve()
  /** Its first listing is done: only then is it part of the folder list (never as a half-listed folder). */
  listedOnce = false
  closed = false
  /** The folders its watcher covers. */
  watchedFolders = 1

  constructor(
    readonly folder: string,
    readonly singleFile: string | null
  ) {}

  get key(): string {
    return `${this.folder}\0${this.singleFile ?? ''}`
  }

  contains(file: string): boolean {
    if (this.singleFile) return file === this.singleFile
    return isListedRelativePath(path.relative(this.folder, file))
  }

  snapshot(): FolderSnapshot {
    const runs = [...this.runs.values()].sort((a, b) => b.created_at - a.created_at || a.file.localeCompare(b.file))
    return { folder: this.folder, singleFile: this.singleFile, runs, watchMode: this.watcher.mode }
  }
}

async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

export class FolderRegistry {
  private readonly opened = new Map<string, OpenedFolder>()

  constructor(private readonly options: FolderRegistryOptions) {}

  /** Opens a folder or a single `.tine` file (any path the user chose); returns its snapshot. */
  async open(requested: string, options: OpenOptions = {}): Promise<FolderSnapshot> {
    const absolute = path.resolve(requested)
    let real: string
    try {
      real = await fs.realpath(absolute)
    } catch {
      throw new ApiError('not-found', `no such folder or file: ${requested}`)
    }
    const stat = await fs.stat(real).catch(() => {
      throw new ApiError('not-found', `cannot read ${requested}`)
    })
    let folder: string
    let singleFile: string | null = null
    if (stat.isDirectory()) folder = real
    else if (stat.isFile() && isRunFileName(path.basename(real))) {
      folder = path.dirname(real)
      singleFile = real
      const covering = this.folders().find((entry) => !entry.singleFile && entry.contains(real))
      if (covering) {
        await covering.listed
        return covering.snapshot()
      }
    } else {
      throw new ApiError('bad-request', `not a folder or a .tine file: ${requested}`)
    }
    const entry = new OpenedFolder(folder, singleFile)
    const existing = this.opened.get(entry.key)
    if (existing) {
      await existing.listed
      return existing.snapshot()
    }
    if (!singleFile) {
      await this.checkScope(entry, options)
      const openedMeanwhile = this.opened.get(entry.key)
      if (openedMeanwhile) {
        await openedMeanwhile.listed
        return openedMeanwhile.snapshot()
      }
    }
    // Registered before any await, so a second open of the same path waits for this one.
    this.opened.set(entry.key, entry)
    entry.watcher = new FolderWatcher(
      folder,
      {
        file: (file) => void this.onWatchedFile(entry, file),
        folderRemoved: (dir) => this.onFolderRemoved(entry, dir),
        resync: () => void this.resync(entry)
      },
      {
        usePolling: this.options.usePolling,
        debounceMs: this.options.debounceMs,
        onlyFile: singleFile,
        log: this.options.log
      }
    )
    entry.listed = this.list(entry)
    entry.listed.catch(() => undefined) // awaited below; this only keeps an early failure from counting as unhandled
    if (!singleFile) {
      // The folder now lists the single files opened inside it.
      for (const other of this.folders())
        if (other.singleFile && entry.contains(other.singleFile)) await this.closeEntry(other)
    }
    try {
      await entry.listed
    } catch (error) {
      await this.closeEntry(entry)
      throw error
    }
    return entry.snapshot()
  }

  /** Refuses a broad folder the user has not confirmed, and a folder that would exceed the watch cap. */
  private async checkScope(entry: OpenedFolder, options: OpenOptions): Promise<void> {
    const reason = broadFolderReason(entry.folder, this.options.scope ?? currentFolderScope())
    if (reason && !options.confirmBroad)
      throw new ApiError(
        'confirm-required',
        `${reason}: opening it lists and watches folders of other users or the system`
      )
    const cap = this.options.maxWatchedFolders ?? MAX_WATCHED_FOLDERS
    const watching = this.folders().reduce((sum, other) => sum + other.watchedFolders, 0)
    const available = cap - watching
    entry.watchedFolders = await countSearchedFolders(entry.folder, available)
    if (entry.watchedFolders > available) {
      const already = watching > 0 ? ` (the folders already open watch ${watching})` : ''
      throw new ApiError(
        'too-many-folders',
        `${entry.folder} holds more than ${available} folders to watch${already}; the limit is ${cap}. Open the folder that holds your runs`
      )
    }
  }

  /** Closes an opened folder or single file; false when it was not open. */
  async close(requested: string): Promise<boolean> {
    const absolute = path.resolve(requested)
    const real = await fs.realpath(absolute).catch(() => absolute)
    // A snapshot names its folder; a single-file snapshot may be closed by its folder or its file.
    const matches = this.folders().filter((entry) =>
      [entry.folder, entry.singleFile].some((known) => known === absolute || known === real)
    )
    for (const entry of matches) await this.closeEntry(entry)
    return matches.length > 0
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.folders().map((entry) => this.closeEntry(entry)))
  }

  snapshots(): FolderSnapshot[] {
    return this.folders()
      .filter((entry) => entry.listedOnce)
      .map((entry) => entry.snapshot())
  }

  /** Whether the renderer may read this (real, absolute) path: a run file of an opened folder. */
  allows(realFile: string): boolean {
    return this.folders().some((entry) => entry.contains(realFile))
  }

  /** Resolves once every opened folder's rows are fully checked (none says "checking"). */
  async whenVerified(): Promise<void> {
    for (const entry of this.folders()) {
      await entry.listed.catch(() => undefined)
      await entry.verified
    }
  }

  cacheStats(): { hits: number; misses: number } {
    let hits = 0
    let misses = 0
    for (const entry of this.folders()) {
      hits += entry.cache?.stats.hits ?? 0
      misses += entry.cache?.stats.misses ?? 0
    }
    return { hits, misses }
  }

  private folders(): OpenedFolder[] {
    return [...this.opened.values()]
  }

  private async closeEntry(entry: OpenedFolder): Promise<void> {
    if (entry.closed) return
    entry.closed = true
    this.opened.delete(entry.key)
    for (const state of entry.states.values()) if (state.retryTimer) clearTimeout(state.retryTimer)
    await entry.watcher.close()
    await entry.cache?.flush()
  }

  private async list(entry: OpenedFolder): Promise<void> {
    let files: RunFileStat[]
    if (entry.singleFile) {
      const one = await statRunFile(entry.folder, entry.singleFile)
      files = one ? [one] : []
    } else {
      entry.cache = await FolderIndexCache.open(this.options.cacheDir, entry.folder, this.options.appVersion)
      files = await scanRunFiles(entry.folder)
    }
    // Rows come from the index, else from a quick read; the full checks follow in the background.
    const unchecked: string[] = []
    await mapLimit(files, PREVIEW_CONCURRENCY, async (found) => {
      const cached = entry.cache?.lookup(found.name, found.mtimeMs, found.size)
      if (cached) entry.runs.set(found.file, cached)
      else if (entry.singleFile || !(await this.preview(entry, found.file)))
        await this.refresh(entry, found.file, false)
      else unchecked.push(found.file)
    })
    entry.cache?.retainOnly(new Set(files.map((found) => found.name)))
    entry.listedOnce = true
    // A crash or a full disk may have left our hidden temps beside the runs; reclaim their space now, not at the next save.
    if (!entry.singleFile)
      for (const dir of new Set([entry.folder, ...files.map((found) => path.dirname(found.file))]))
        void sweepStaleTemps(dir)
    // The watcher starts once the folder is read: its first scan stats every file, and would
    // compete with the listing. What changed before it was ready, reconcile finds.
    entry.watcher
      .start()
      .then(() => this.reconcile(entry, files))
      .catch((error: unknown) =>
        this.options.log(`opentine: cannot look at ${entry.folder} again: ${messageOf(error)}`)
      )
    if (unchecked.length) entry.verified = this.verifyInBackground(entry, unchecked)
    else await entry.cache?.flush()
  }

  /**
   * Looks at the disk once more after the watcher is ready: a file added, changed or removed
   * between the listing's scan and the watcher's first scan raised no event.
   */
  private async reconcile(entry: OpenedFolder, listedFiles: readonly RunFileStat[]): Promise<void> {
    const listed = new Map(listedFiles.map((found) => [found.file, found]))
    const onDisk = entry.singleFile
      ? [await statRunFile(entry.folder, entry.singleFile)].flatMap((one) => (one ? [one] : []))
      : await scanRunFiles(entry.folder)
    if (entry.closed) return
    const changed = onDisk.filter((found) => {
      const before = listed.get(found.file)
      listed.delete(found.file)
      return !before || before.mtimeMs !== found.mtimeMs || before.size !== found.size
    })
    const gone = [...listed.keys()]
    await mapLimit([...changed.map((found) => found.file), ...gone], LISTING_CONCURRENCY, (file) =>
      this.refresh(entry, file, true)
    )
  }

  /** A quick row for a file; false when only a full load can list it. */
  private async preview(entry: OpenedFolder, file: string): Promise<boolean> {
    try {
      const result = await this.options.pool.run({ kind: 'preview', file })
      if (!result || entry.closed) return false
      // A watcher report may have brought the full row in meanwhile.
      if (!entry.runs.has(file)) entry.runs.set(file, result.item)
      return true
    } catch {
      return false
    }
  }

  /** Loads every quickly listed file fully, replacing its row, and reports the checked rows in batches. */
  private async verifyInBackground(entry: OpenedFolder, files: string[]): Promise<void> {
    const total = files.length
    let done = 0
    let reportedAt = 0
    let checked: string[] = []
    const report = () => {
      reportedAt = Date.now()
      const runs = checked.flatMap((file) => entry.runs.get(file) ?? [])
      checked = []
      if (!entry.closed) this.options.emit({ kind: 'verify', folder: entry.folder, done, total, runs })
    }
    // After the listing is answered: the rows are on screen before the first check starts.
    await new Promise((resolve) => setImmediate(resolve))
    report()
    await mapLimit(files, VERIFY_CONCURRENCY, async (file) => {
      // A run the user opens meanwhile gets the workers to itself.
      await this.options.pool.whenForegroundIdle()
      if (entry.closed) return
      await this.refresh(entry, file, false)
      checked.push(file)
      done++
      if (done === total || Date.now() - reportedAt >= VERIFY_PROGRESS_MS) report()
    })
    await entry.cache?.flush()
  }

  private async onWatchedFile(entry: OpenedFolder, file: string): Promise<void> {
    // Changes seen during the first listing are applied after it, so they cannot be overwritten by it.
    await entry.listed.catch(() => undefined)
    if (!entry.closed && entry.contains(file)) await this.refresh(entry, file, true)
  }

  private onFolderRemoved(entry: OpenedFolder, dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep
    for (const file of [...entry.runs.keys()]) {
      if (file.startsWith(prefix) || dir === entry.folder) this.drop(entry, file)
    }
  }

  private async resync(entry: OpenedFolder): Promise<void> {
    if (entry.closed) return
    const onDisk = entry.singleFile ? [entry.singleFile] : (await scanRunFiles(entry.folder)).map((found) => found.file)
    const all = new Set([...onDisk, ...entry.runs.keys()])
    await mapLimit([...all], LISTING_CONCURRENCY, (file) => this.refresh(entry, file, true))
  }

  private drop(entry: OpenedFolder, file: string): void {
    entry.cache?.forget(relativeName(entry.folder, file))
    if (entry.runs.delete(file)) this.options.emit({ kind: 'unlink', folder: entry.folder, file })
  }

  /**
   * Re-reads one file and reports what is now on disk: add, change or unlink. Requests arriving
   * while it is read are folded into one more read afterwards, so the last write always wins.
   */
  private async refresh(entry: OpenedFolder, file: string, announce: boolean): Promise<void> {
    if (entry.closed) return
    let state = entry.states.get(file)
    if (!state) {
      state = { loading: false, dirty: false, retries: 0, retryTimer: null }
      entry.states.set(file, state)
    }
    if (state.loading) {
      state.dirty = true
      return
    }
    state.loading = true
    if (state.retryTimer) clearTimeout(state.retryTimer)
    state.retryTimer = null
    try {
      // The folder path is real, so a file whose real path differs is reached through a symbolic link.
      const real = await fs.realpath(file).catch(() => file)
      if (real !== file) {
        this.drop(entry, file)
        return
      }
      const result = await this.options.pool.run({ kind: 'entry', file })
      if (entry.closed) return
      const known = entry.runs.has(file)
      entry.runs.set(file, result.item)
      if (result.stable) {
        state.retries = 0
        entry.cache?.store(relativeName(entry.folder, file), result.stamp.mtimeMs, result.stamp.size, result.item)
      } else if (state.retries < UNSTABLE_RETRIES) {
        // Read while an agent was writing it: look again shortly even if no further event comes.
        state.retries++
        const retrying = state
        state.retryTimer = setTimeout(() => {
          retrying.retryTimer = null
          void this.refresh(entry, file, true)
        }, UNSTABLE_RETRY_MS)
        state.retryTimer.unref()
      }
      if (announce) this.options.emit({ kind: known ? 'change' : 'add', folder: entry.folder, file, run: result.item })
    } catch (error) {
      if (error instanceof LoadError && error.code === 'not-found') this.drop(entry, file)
      else this.options.log(`opentine: cannot list ${file}: ${messageOf(error)}`)
    } finally {
      state.loading = false
      if (state.dirty && !entry.closed) {
        state.dirty = false
        await this.refresh(entry, file, announce)
      } else if (!entry.runs.has(file) && !state.retryTimer) {
        entry.states.delete(file)
      }
    }
  }
}
