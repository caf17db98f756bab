/**
 * The append-only step journal beside a run file (`<file>.journal`): one checksummed line per
 * entry, fsynced before the append returns, so a completed step survives a crash the moment it
 * is reported. A crash mid-write leaves a torn last line, which readers drop.
 *
 * Line format: `<16 hex of sha256(json)> <canonical json>\n`. Canonical JSON keeps ints and
 * floats apart (spec §6.1), so a replayed record is byte-for-byte the one that was journaled.
 */
import { syncDirectory } from './atomic-write'
import { constants, promises as fs } from 'node:fs'
import path from 'node:path'
import { canonicalString } from '../../src-shared/tine/canonical'
import { sha256HexOfText } from '../../src-shared/tine/hash'
import { isObject, type JsonObject } from '../../src-shared/tine/json-value'
import { MAX_ARTIFACT_BYTES, parseArtifactText } from '../../src-shared/tine/parse'
import './node-hash'

export const JOURNAL_SUFFIX = '.journal'
const CHECKSUM_CHARS = 16

export function journalPathFor(file: string): string {
  return file + JOURNAL_SUFFIX
}

export function encodeJournalLine(entry: JsonObject): string {
  const json = canonicalString(entry)
  return `${sha256HexOfText(json).slice(0, CHECKSUM_CHARS)} ${json}\n`
}

export interface JournalContents {
  entries: JsonObject[]
  /** Bytes after the last valid line (a torn or corrupt tail), ignored. */
  ignoredBytes: number
}

/** A journal holds at most as much as a run file may (its steps are folded into one). */
export const MAX_JOURNAL_BYTES = MAX_ARTIFACT_BYTES

/**
 * The longest valid prefix of a journal's lines; a missing journal is an empty one. Only a
 * regular file is read (O_NONBLOCK, so a FIFO planted under the name cannot block the open), and
 * never more than MAX_JOURNAL_BYTES: a device or pipe never hangs or floods a reader.
 */
export async function readJournal(file: string): Promise<JournalContents> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], ignoredBytes: 0 }
    throw error
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new Error(`not a regular file: ${file}`)
    if (stat.size > MAX_JOURNAL_BYTES)
      throw new Error(
        `journal is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the ${MAX_JOURNAL_BYTES / 1024 / 1024} MiB limit: ${file}`
      )
    const buffer = Buffer.alloc(stat.size)
    const { bytesRead } = await handle.read(buffer, 0, stat.size, 0)
    return decodeJournal(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}

export function decodeJournal(text: string): JournalContents {
  const entries: JsonObject[] = []
  let offset = 0
  while (offset < text.length) {
    const end = text.indexOf('\n', offset)
    // No newline: the append that wrote this line never finished.
    if (end < 0) break
    const entry = decodeLine(text.slice(offset, end))
    if (!entry) break
    entries.push(entry)
    offset = end + 1
  }
  return { entries, ignoredBytes: Buffer.byteLength(text.slice(offset), 'utf8') }
}

function decodeLine(line: string): JsonObject | undefined {
  const space = line.indexOf(' ')
  if (space !== CHECKSUM_CHARS) return undefined
  const json = line.slice(space + 1)
  if (sha256HexOfText(json).slice(0, CHECKSUM_CHARS) !== line.slice(0, space)) return undefined
  try {
    const value = parseArtifactText(json)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** Appends durable lines to one journal file; opened lazily, removed after a fold. */
export class JournalWriter {
  private handle: fs.FileHandle | undefined
  private directorySynced = false

  constructor(readonly file: string) {}

  async append(entry: JsonObject): Promise<void> {
    if (!this.handle) this.handle = await fs.open(this.file, 'a', 0o644)
    await this.handle.write(encodeJournalLine(entry))
    await this.handle.datasync()
    // The first line of a new journal is only durable once its directory entry is.
    if (!this.directorySynced) {
      await syncDirectory(path.dirname(this.file))
      this.directorySynced = true
    }
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    await handle?.close()
  }

  /** Deletes the journal (after its lines were folded into the run file). */
  async remove(): Promise<void> {
    await this.close()
    this.directorySynced = false
    try {
      await fs.unlink(this.file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return
    }
    await syncDirectory(path.dirname(this.file))
  }
}
