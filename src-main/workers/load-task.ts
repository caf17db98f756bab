/**
 * The work a load worker does: read a `.tine` file, parse and verify it, and answer with a list
 * row, the run's structure, one step, a diff of two runs, or what changed since a view was
 * served. It runs inside a worker thread, or in-process when no worker can start. The few runs
 * the user has open stay parsed, so clicking steps re-reads nothing; the views of the big runs a
 * folder's check loaded are kept (checked-views.ts), so opening one parses nothing before its graph.
 */
import { readFileSync, statSync } from 'node:fs'
import { isTineError, messageOf } from '../../src-shared/tine/errors'
import { loadRunDigestLater, loadRunFromBytes, loadRunPreview } from '../../src-shared/run/load'
import { fromPlain } from '../../src-shared/tine/json-value'
import { sha256Hex } from '../../src-shared/tine/hash'
import type { Run } from '../../src-shared/run/run'
import { describeDiskChange, type DiskChange } from '../../src-shared/run/diff/change-report'
import { buildDiffView, type DiffView } from '../../src-shared/run/diff/diff-view'
import { stepPairDetail, type StepPairDetail } from '../../src-shared/run/diff/step-delta'
import {
  buildRunView,
  buildStepDetail,
  previewListItem,
  runListItem,
  trustView,
  unreadableListItem,
  type FileStamp
} from '../../src-shared/api/run-view'
import type { RunListItem, RunView, StepDetail, TrustView } from '../../src-shared/api/types'
import { journalPathFor } from '../store/journal'
import { recoverRun } from '../store/journal-recover'
import '../store/node-hash'
import { sameStamp, statStampSync } from '../store/file-stamp'
import { LoadError } from '../store/load-error'
import { CheckedViews } from './checked-views'
import { WireJson } from './wire-json'

export type LoadRequest =
  | { kind: 'entry'; file: string }
  /** A quick list row (native JSON.parse, shape checks, no digest), or null when only a full load can say. */
  | { kind: 'preview'; file: string }
  | { kind: 'view'; file: string }
  | { kind: 'step'; file: string; stepId: string }
  /** Both runs are parsed by one worker (the pool picks it, see slotFor), so the step pairs that follow read nothing. */
  | { kind: 'diff'; file: string; fileB: string; toolCallsOnly: boolean }
  | { kind: 'stepPair'; file: string; fileB: string; stepA: string | null; stepB: string | null }
  /** What changed on disk since the view served at `since` (null when that version is no longer known). */
  | { kind: 'change'; file: string; since: { mtimeMs: number; size: number } }
  /** The trust of the version a view was served from, once its digest is known (null when the file changed since). */
  | { kind: 'trust'; file: string; since: { mtimeMs: number; size: number } }

export interface ChangeResult {
  change: DiskChange | null
}

export interface TrustResult {
  trust: TrustView | null
}

export interface EntryResult {
  item: RunListItem
  stamp: FileStamp
  /** False when the file changed while it was read (an agent still writing it): do not cache. */
  stable: boolean
}

export interface LoadResults {
  entry: EntryResult
  preview: EntryResult | null
  view: RunView
  step: StepDetail
  diff: DiffView
  stepPair: StepPairDetail
  change: ChangeResult
  trust: TrustResult
}

const previewDecoder = new TextDecoder()
/** Below this size the digest takes a few ms: not worth a view that says "checking" first. */
const DIGEST_LATER_FROM_BYTES = 4 * 1024 * 1024
const OPEN_RUNS_KEPT = 3
/** Versions of one file kept for describing what changed since the user loaded it. */
const SERVED_VERSIONS_KEPT = 4
/** A parsed run takes several times its file size in memory: keep big ones only while few. */
const OPEN_BYTES_KEPT = 96 * 1024 * 1024

interface ParsedRun {
  stamp: FileStamp
  run: Run
  /** Settles once the run's digest is known; absent when it was known at load. */
  verified?: Promise<void>
}

interface ReadBytes {
  bytes: Uint8Array
  stamp: FileStamp
  stable: boolean
  /** A checkpoint journal lies beside the file (an agent is writing it, or was cut off): load both. */
  journaled: boolean
}

/** The journal's size and time, or null when there is none. */
function journalStat(file: string): { mtimeMs: number; size: number } | null {
  const stat = statSync(journalPathFor(file), { throwIfNoEntry: false })
  return stat?.isFile() && stat.size > 0 ? { mtimeMs: stat.mtimeMs, size: stat.size } : null
}

/**
 * The version stamp of a run: the file's, moved on by its journal when there is one, so a step
 * appended to the journal counts as a change (the view is rebuilt, never served stale).
 */
function runStamp(file: string): { stamp: FileStamp; fileSize: number; journaled: boolean } {
  const stamp = statStampSync(file)
  const journal = journalStat(file)
  if (!journal) return { stamp, fileSize: stamp.size, journaled: false }
  return {
    stamp: { file, mtimeMs: Math.max(stamp.mtimeMs, journal.mtimeMs), size: stamp.size + journal.size },
    fileSize: stamp.size,
    journaled: true
  }
}

/**
 * The bytes with the stamp they were read under, and whether the file held still meanwhile.
 * Synchronous: in a load worker a blocking read of one run is cheaper than the thread pool's
 * round trips, which cost more than the read itself when a folder of small runs is listed.
 */
function readStable(file: string): ReadBytes {
  const before = runStamp(file)
  let bytes: Uint8Array
  try {
    const read = readFileSync(file)
    // A plain Uint8Array view, so slice() copies as everywhere else in the core.
    bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength)
  } catch (error) {
    throw new LoadError('unreadable', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  let after = before
  try {
    after = runStamp(file)
  } catch {
    // Gone or unreadable right after the read: judge by the bytes read.
  }
  const stable = sameStamp(before.stamp, after.stamp) && bytes.length === after.fileSize
  return { bytes, stamp: after.stamp, stable, journaled: before.journaled || after.journaled }
}

/**
 * The run without its digest, which is computed in a task of its own once the current answer
 * (the view) has been sent: a big run's structure reaches the screen a digest sooner.
 */
function digestAfterReply(read: ReadBytes): ParsedRun {
  const later = loadRunDigestLater(read.bytes)
  const verified = new Promise<void>((resolve) =>
    setTimeout(() => {
      try {
        later.verify()
      } finally {
        resolve()
      }
    }, 0)
  )
  return { stamp: read.stamp, run: later.run, verified }
}

/** The run the bytes hold, with the journal's steps applied when there is a journal. */
async function runOf(file: string, read: ReadBytes): Promise<Run> {
  return read.journaled ? recoverRun(file) : loadRunFromBytes(read.bytes)
}

export interface RunLoaderOptions {
  /** Files from this size get their view before their digest (see digestAfterReply), and a check keeps their view. */
  digestLaterFromBytes?: number
  /** Where checked views are written for later sessions (see CheckedViews); none keeps them in memory only. */
  viewCacheDir?: string
  appVersion?: string
}

export class RunLoader {
  /** Counts file reads, so tests can prove a cached listing touched no file. */
  reads = 0
  private readonly digestLaterFromBytes: number
  private readonly open = new Map<string, ParsedRun>()
  /** The version each open run's last view was built from: what a write compares the disk with. */
  private readonly served = new Map<string, ParsedRun>()
  /**
   * Earlier versions served per file (newest last). The renderer may already have reloaded a newer
   * version when the user clicks Pause with the stamp of the one on screen; the conflict must still
   * be described against exactly that version.
   */
  private readonly servedHistory = new Map<string, ParsedRun[]>()
  private readonly checkedViews: CheckedViews

  constructor(options: RunLoaderOptions = {}) {
    this.digestLaterFromBytes = options.digestLaterFromBytes ?? DIGEST_LATER_FROM_BYTES
    this.checkedViews = new CheckedViews({ dir: options.viewCacheDir, appVersion: options.appVersion })
  }

  async handle(request: LoadRequest): Promise<LoadResults[LoadRequest['kind']] | WireJson<RunView>> {
    if (request.kind === 'view') {
      const checked = this.checkedView(request.file)
      if (checked) return checked
    }
    if (request.kind === 'entry') return this.entry(request.file)
    if (request.kind === 'preview') return this.preview(request.file)
    if (request.kind === 'change') return this.change(request.file, request.since)
    if (request.kind === 'trust') return this.trust(request.file, request.since)
    // A view shows the structure before the digest is known; every other answer waits for it.
    const parsed = await this.parsed(request.file, { digestLater: request.kind === 'view' })
    if (request.kind === 'view') {
      keepRecent(this.served, request.file, parsed)
      this.rememberServed(request.file, parsed)
      return buildRunView(parsed.run, parsed.stamp)
    }
    if (request.kind === 'diff' || request.kind === 'stepPair') {
      const other = await this.parsed(request.fileB)
      // Run A stays kept too: the pairs that follow are looked up by both.
      if (this.open.get(request.file) === parsed) this.remember(request.file, parsed)
      if (request.kind === 'diff')
        return buildDiffView(parsed.run, other.run, {
          toolCallsOnly: request.toolCallsOnly,
          fileA: request.file,
          fileB: request.fileB
        })
      try {
        return stepPairDetail(parsed.run, request.stepA, other.run, request.stepB)
      } catch (error) {
        throw new LoadError('unknown-step', messageOf(error))
      }
    }
    const detail = buildStepDetail(parsed.run, request.stepId)
    if (!detail)
      throw new LoadError(
        'unknown-step',
        `run ${parsed.run.id.slice(0, 12)} has no step ${request.stepId.slice(0, 80)}`
      )
    return detail
  }

  /** The list row of a file; a file that cannot be loaded becomes an unreadable row with its reason. */
  async entry(file: string): Promise<EntryResult> {
    let read: ReadBytes
    try {
      read = this.read(file)
    } catch (error) {
      if (error instanceof LoadError && error.code === 'not-found') throw error
      return {
        item: unreadableListItem(file, Date.now(), messageOf(error)),
        stamp: { file, mtimeMs: 0, size: 0 },
        stable: false
      }
    }
    try {
      const run = await runOf(file, read)
      if (read.stable && !read.journaled && read.bytes.length >= this.digestLaterFromBytes)
        this.checkedViews.keep(file, read.stamp, sha256Hex(read.bytes), JSON.stringify(buildRunView(run, read.stamp)))
      // A run the user has open is kept fresh, so the runs.load that follows a change reads nothing.
      if (this.open.has(file) && read.stable) this.remember(file, { stamp: read.stamp, run })
      return { item: runListItem(run, read.stamp), stamp: read.stamp, stable: read.stable }
    } catch (error) {
      const integrity = isTineError(error) && error.code === 'artifact.unsupported-version' ? 'unsupported' : 'missing'
      return {
        item: unreadableListItem(file, read.stamp.mtimeMs, messageOf(error), integrity),
        stamp: read.stamp,
        stable: read.stable
      }
    }
  }

  /**
   * A list row from a cheap read: the platform's JSON parser and the shape checks, without the
   * hardened parse or the digest. Its badges say "checking"; it is never cached or trusted, and a
   * full `entry` replaces it. Null for anything a full load must judge (journals, odd files).
   */
  async preview(file: string): Promise<EntryResult | null> {
    let read: ReadBytes
    try {
      read = this.read(file)
    } catch (error) {
      if (error instanceof LoadError && error.code === 'not-found') throw error
      return null
    }
    if (read.journaled) return null
    try {
      const run = loadRunPreview(fromPlain(JSON.parse(previewDecoder.decode(read.bytes))))
      return { item: previewListItem(run, read.stamp), stamp: read.stamp, stable: false }
    } catch {
      return null
    }
  }

  private read(file: string): ReadBytes {
    this.reads++
    return readStable(file)
  }

  private async parsed(file: string, { digestLater = false } = {}): Promise<ParsedRun> {
    const kept = this.open.get(file)
    if (kept) {
      const { stamp } = runStamp(file)
      if (sameStamp(stamp, kept.stamp)) {
        this.remember(file, kept)
        if (!digestLater) await kept.verified
        return kept
      }
    }
    const read = this.read(file)
    const showFirst = digestLater && !read.journaled && read.bytes.length >= this.digestLaterFromBytes
    let parsed: ParsedRun
    try {
      parsed = showFirst ? digestAfterReply(read) : { stamp: read.stamp, run: await runOf(file, read) }
    } catch (error) {
      throw new LoadError('unreadable', messageOf(error))
    }
    if (read.stable) this.remember(file, parsed)
    return parsed
  }

  /**
   * The view a folder's check kept for `file`, in this session or an earlier one, while the file
   * holds the bytes the check read. The run itself is loaded right after the reply, for the steps
   * the user clicks next.
   */
  private checkedView(file: string): WireJson<RunView> | null {
    const { stamp, journaled } = runStamp(file)
    const json = journaled ? null : this.checkedViews.current(file, stamp, () => this.read(file).bytes)
    if (json === null) return null
    setTimeout(() => this.loadServed(file, stamp), 0)
    return new WireJson(json)
  }

  /** Loads a run whose view was served from the check, and records it as the version served while it is. */
  private loadServed(file: string, stamp: FileStamp): void {
    this.parsed(file, { digestLater: true }).then(
      (parsed) => {
        if (!sameStamp(parsed.stamp, stamp)) return
        keepRecent(this.served, file, parsed)
        this.rememberServed(file, parsed)
      },
      // Gone or changed meanwhile: the next request for it says so.
      () => undefined
    )
  }

  private async trust(file: string, since: { mtimeMs: number; size: number }): Promise<TrustResult> {
    const now = await this.parsed(file)
    return { trust: sameStamp(now.stamp, since) ? trustView(now.run) : null }
  }

  private async change(file: string, since: { mtimeMs: number; size: number }): Promise<ChangeResult> {
    const served = (this.servedHistory.get(file) ?? []).find((version) => sameStamp(version.stamp, since))
    if (!served) return { change: null }
    const now = await this.parsed(file)
    return { change: describeDiskChange(served.run, now.run) }
  }

  private rememberServed(file: string, parsed: ParsedRun): void {
    const versions = (this.servedHistory.get(file) ?? []).filter((version) => version !== parsed)
    versions.push(parsed)
    // A few versions of small runs; a huge run keeps only the version on screen.
    let bytes = 0
    for (let i = versions.length - 1; i >= 0; i--) {
      bytes += versions[i].stamp.size
      if (versions.length - i > SERVED_VERSIONS_KEPT || (i < versions.length - 1 && bytes > OPEN_BYTES_KEPT)) {
        versions.splice(0, i + 1)
        break
      }
    }
    this.servedHistory.set(file, versions)
    for (const other of [...this.servedHistory.keys()]) if (!this.served.has(other)) this.servedHistory.delete(other)
  }

  private remember(file: string, parsed: ParsedRun): void {
    keepRecent(this.open, file, parsed)
  }
}

/** Keeps `parsed` as the most recent entry, dropping the oldest past the count and memory limits. */
function keepRecent(kept: Map<string, ParsedRun>, file: string, parsed: ParsedRun): void {
  kept.delete(file)
  kept.set(file, parsed)
  let bytes = 0
  for (const entry of kept.values()) bytes += entry.stamp.size
  // The most recent run is always kept, however big: it is the one on screen.
  while (kept.size > 1 && (kept.size > OPEN_RUNS_KEPT || bytes > OPEN_BYTES_KEPT)) {
    const oldest = kept.keys().next().value!
    bytes -= kept.get(oldest)!.stamp.size
    kept.delete(oldest)
  }
}
