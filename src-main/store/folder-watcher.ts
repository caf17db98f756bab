/**
 * Watches one opened folder for run files with chokidar on file-system events. Bursts of events on
 * one file (an agent's autosaves, an atomic rename) are coalesced per file over a short debounce;
 * the listener is told only "this file may have changed" and decides by looking at the disk.
 * Polling is a fallback only: when asked (env TINE_WATCH_POLLING=1 or the usePolling option) or when
 * the platform watcher fails (for instance, out of inotify watches).
 */
import path from 'node:path'
import type { Stats } from 'node:fs'
import { watch, type FSWatcher } from 'chokidar'
import { isRunFileName, isSearchedDirName, MAX_RUN_DEPTH } from './folder-scan'
import { messageOf } from '../../src-shared/tine/errors'

export const DEBOUNCE_MS = 50
const POLL_INTERVAL_MS = 250

export interface FolderWatcherOptions {
  usePolling?: boolean
  debounceMs?: number
  /** Watch only this file of the folder (a single opened file). */
  onlyFile?: string | null
  log?: (line: string) => void
}

export interface FolderWatcherListener {
  /** A run file was added, changed or removed (not yet known which). */
  file(file: string): void
  /** A folder disappeared: every run below it is gone. */
  folderRemoved(dir: string): void
  /** Events may have been missed (the watcher was restarted): look at the whole folder again. */
  resync(): void
}

export function pollingRequested(option?: boolean): boolean {
  return option ?? process.env.TINE_WATCH_POLLING === '1'
}

export class FolderWatcher {
  private watcher: FSWatcher | null = null
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private polling: boolean
  private closed = false
  private readyPromise: Promise<void> | null = null

  constructor(
    readonly root: string,
    private readonly listener: FolderWatcherListener,
    private readonly options: FolderWatcherOptions = {}
  ) {
    this.polling = pollingRequested(options.usePolling)
  }

  get mode(): 'events' | 'polling' {
    return this.polling ? 'polling' : 'events'
  }

  /**
   * Starts watching (once); resolves when chokidar's first scan is done and later changes are
   * reported. That scan stats every file, so the owner starts it when it has read the folder.
   */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.readyPromise ??= this.watch()
    return this.readyPromise
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await this.watcher?.close()
    this.watcher = null
  }

  private ignored = (candidate: string, stats?: Stats): boolean => {
    if (candidate === this.root) return false
    const onlyFile = this.options.onlyFile
    if (onlyFile) return candidate !== onlyFile
    const name = path.basename(candidate)
    if (stats?.isDirectory()) return !isSearchedDirName(name)
    if (stats?.isFile()) return !isRunFileName(name)
    // Before chokidar has stats, only names that can never matter are ruled out.
    return name.endsWith('.tmp') || SKIPPED_NAMES.has(name)
  }

  private watch(): Promise<void> {
    const watcher = watch(this.root, {
      ignoreInitial: true,
      persistent: true,
      followSymlinks: false,
      depth: this.options.onlyFile ? 0 : MAX_RUN_DEPTH,
      usePolling: this.polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      // The listener stats the file itself, so chokidar's 100 ms unlink-then-add merging only adds delay.
      atomic: false,
      ignored: this.ignored
    })
    this.watcher = watcher
    const onFile = (file: string) => {
      if (this.ignored(file) || !isRunFileName(path.basename(file))) return
      this.schedule(file)
    }
    watcher.on('add', onFile).on('change', onFile).on('unlink', onFile)
    watcher.on('unlinkDir', (dir: string) => {
      if (!this.closed) this.listener.folderRemoved(dir)
    })
    watcher.on('error', (error: unknown) => void this.onError(error))
    return new Promise((resolve) => watcher.once('ready', () => resolve()))
  }

  private schedule(file: string): void {
    if (this.closed) return
    const pending = this.timers.get(file)
    if (pending) clearTimeout(pending)
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file)
        if (!this.closed) this.listener.file(file)
      }, this.options.debounceMs ?? DEBOUNCE_MS)
    )
  }

  /** The platform watcher failed: fall back to polling once, and say so. */
  private async onError(error: unknown): Promise<void> {
    const code = (error as NodeJS.ErrnoException)?.code
    const message = messageOf(error)
    if (
      this.polling ||
      this.closed ||
      (code !== 'ENOSPC' && code !== 'EMFILE' && code !== 'ENOSYS' && code !== 'EPERM')
    ) {
      this.options.log?.(`opentine: watching ${this.root}: ${message}`)
      return
    }
    this.options.log?.(
      `opentine: file-system events unavailable for ${this.root} (${code}); polling every ${POLL_INTERVAL_MS} ms instead`
    )
    await this.watcher?.close()
    this.polling = true
    this.readyPromise = this.watch()
    await this.readyPromise
    if (!this.closed) this.listener.resync()
  }
}

const SKIPPED_NAMES = new Set(['node_modules', '.git'])
