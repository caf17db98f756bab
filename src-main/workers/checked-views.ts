/**
 * The views of big runs that a folder's background check has loaded, kept as JSON text. The check
 * reads, parses and verifies every run anyway; keeping its view means that opening one of those
 * runs later sends the structure at once instead of parsing the file a second time (a
 * 100,000-step run's view is about 33 MB of text, its parsed run about ten times that).
 *
 * The most recent views stay in memory; every view is also written to a folder, so the next
 * session opens a run checked in an earlier one as quickly. A view is served only for the bytes it
 * was built from: the file's stamp must match, then the SHA-256 of its bytes.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { FileStamp } from '../../src-shared/api/run-view'
import { sha256Hex, sha256HexOfText } from '../../src-shared/tine/hash'
import { sameStamp } from '../store/file-stamp'

/** Per load worker; the most recently checked views are kept first. */
export const CHECKED_VIEW_BYTES_IN_MEMORY = 128 * 1024 * 1024
/** The folder of written views, shared by the workers; the least recently used go first. */
export const CHECKED_VIEW_BYTES_ON_DISK = 512 * 1024 * 1024
/** The folder of the cache directory that holds written views. */
export const VIEW_CACHE_FOLDER = 'views'
const FILE_SUFFIX = '.view'
const FORMAT = 1

export interface CheckedViewsOptions {
  /** Where views are written for later sessions; none keeps them in memory only. */
  dir?: string
  /** Views written by another version of the app are not served (the view's shape may differ). */
  appVersion?: string
  memoryBytes?: number
  diskBytes?: number
}

interface Header {
  format: number
  appVersion: string
  file: string
  mtimeMs: number
  size: number
  sha256: string
}

interface KeptView {
  stamp: FileStamp
  sha256: string
  json: string
}

export class CheckedViews {
  private readonly memory = new Map<string, KeptView>()
  private memoryBytes = 0
  private readonly dir: string | null
  private readonly appVersion: string
  private readonly memoryBudget: number
  private readonly diskBudget: number

  constructor(options: CheckedViewsOptions = {}) {
    this.dir = options.dir ?? null
    this.appVersion = options.appVersion ?? ''
    this.memoryBudget = options.memoryBytes ?? CHECKED_VIEW_BYTES_IN_MEMORY
    this.diskBudget = options.diskBytes ?? CHECKED_VIEW_BYTES_ON_DISK
  }

  /** Keeps the view of the bytes a check read (`sha256` is theirs). */
  keep(file: string, stamp: FileStamp, sha256: string, json: string): void {
    const view = { stamp, sha256, json }
    this.remember(file, view)
    this.write(file, view)
  }

  /**
   * The view kept for `file` while it holds the bytes the view was built from. `bytesOf` reads the
   * file; it is called only when a view with the file's stamp is kept.
   */
  current(file: string, stamp: FileStamp, bytesOf: () => Uint8Array): string | null {
    const view = this.memory.get(file) ?? this.read(file)
    if (!view) return null
    if (!sameStamp(view.stamp, stamp) || sha256Hex(bytesOf()) !== view.sha256) {
      this.forget(file)
      if (this.dir) removeQuietly(this.pathOf(file))
      return null
    }
    this.remember(file, view)
    return view.json
  }

  private remember(file: string, view: KeptView): void {
    this.forget(file)
    if (view.json.length > this.memoryBudget) return
    this.memory.set(file, view)
    this.memoryBytes += view.json.length
    while (this.memoryBytes > this.memoryBudget) this.forget(this.memory.keys().next().value!)
  }

  private forget(file: string): void {
    const view = this.memory.get(file)
    if (!view) return
    this.memory.delete(file)
    this.memoryBytes -= view.json.length
  }

  private pathOf(file: string): string {
    return path.join(this.dir!, sha256HexOfText(file) + FILE_SUFFIX)
  }

  /** Writes the view for later sessions; a cache that cannot be written only costs the next session a parse. */
  private write(file: string, view: KeptView): void {
    if (!this.dir) return
    const target = this.pathOf(file)
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`
    try {
      mkdirSync(this.dir, { recursive: true })
      const header: Header = {
        format: FORMAT,
        appVersion: this.appVersion,
        file,
        mtimeMs: view.stamp.mtimeMs,
        size: view.stamp.size,
        sha256: view.sha256
      }
      writeFileSync(temp, JSON.stringify(header) + '\n' + view.json)
      renameSync(temp, target)
      this.trimDisk()
    } catch {
      // Read-only or full: the view is still kept in memory.
      removeQuietly(temp)
    }
  }

  /** A written view whose header names this file and this app version, else null. */
  private read(file: string): KeptView | null {
    if (!this.dir) return null
    const at = this.pathOf(file)
    let text: string
    try {
      text = readFileSync(at, 'utf8')
    } catch {
      return null
    }
    const newline = text.indexOf('\n')
    try {
      const header = JSON.parse(text.slice(0, newline)) as Partial<Header>
      if (header.format !== FORMAT || header.appVersion !== this.appVersion || header.file !== file) return null
      if (typeof header.mtimeMs !== 'number' || typeof header.size !== 'number' || typeof header.sha256 !== 'string')
        return null
      const now = new Date()
      utimesSync(at, now, now)
      return {
        stamp: { file, mtimeMs: header.mtimeMs, size: header.size },
        sha256: header.sha256,
        json: text.slice(newline + 1)
      }
    } catch {
      return null
    }
  }

  /** Drops the least recently used written views past the disk budget. */
  private trimDisk(): void {
    const dir = this.dir!
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(FILE_SUFFIX))
      .flatMap((name) => {
        try {
          const stat = statSync(path.join(dir, name))
          return [{ name, size: stat.size, mtimeMs: stat.mtimeMs }]
        } catch {
          return []
        }
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
    let bytes = 0
    for (const file of files) {
      bytes += file.size
      if (bytes > this.diskBudget) removeQuietly(path.join(dir, file.name))
    }
  }
}

/** A written view another worker or process still reads (Windows refuses that) is left for the next trim. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // Left in place: the stamp and digest checks keep it from being served.
  }
}
