/**
 * A run file's stamp (size and modification time): what every "changed on disk" check compares, in
 * the load workers and in the write actions alike.
 */
import { promises as fs, statSync, type Stats } from 'node:fs'
import type { FileStamp } from '../../src-shared/api/run-view'
import { MAX_ARTIFACT_BYTES } from '../../src-shared/tine/parse'
import { LoadError } from './load-error'

function statFailure(file: string, error: unknown): LoadError {
  const code = (error as NodeJS.ErrnoException).code
  return new LoadError(
    code === 'ENOENT' ? 'not-found' : 'unreadable',
    code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? String(error)}`
  )
}

function stampOf(file: string, stat: Stats, maxBytes: number): FileStamp {
  if (!stat.isFile()) throw new LoadError('unreadable', `not a regular file: ${file}`)
  if (stat.size > maxBytes) {
    throw new LoadError(
      'unreadable',
      `file is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit`
    )
  }
  return { file, mtimeMs: stat.mtimeMs, size: stat.size }
}

/** The stamp of a regular file within the size limit; anything else is refused before it is read. */
export async function statStamp(file: string, maxBytes = MAX_ARTIFACT_BYTES): Promise<FileStamp> {
  let stat: Stats
  try {
    stat = await fs.stat(file)
  } catch (error) {
    throw statFailure(file, error)
  }
  return stampOf(file, stat, maxBytes)
}

/** statStamp without a trip through the I/O thread pool, for the load workers, whose thread may block. */
export function statStampSync(file: string, maxBytes = MAX_ARTIFACT_BYTES): FileStamp {
  let stat: Stats
  try {
    stat = statSync(file)
  } catch (error) {
    throw statFailure(file, error)
  }
  return stampOf(file, stat, maxBytes)
}

export function sameStamp(a: { mtimeMs: number; size: number }, b: { mtimeMs: number; size: number }): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size
}
