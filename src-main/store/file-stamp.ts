/**
 * A run file's stamp (size and modification time): what every "changed on disk" check compares, in
 * the load workers and in the write actions alike.
 */
import { promises as fs } from 'node:fs'
import type { FileStamp } from '../../src-shared/api/run-view'
import { MAX_ARTIFACT_BYTES } from '../../src-shared/tine/parse'
import { LoadError } from './load-error'

/** The stamp of a regular file within the size limit; anything else is refused before it is read. */
export async function statStamp(file: string, maxBytes = MAX_ARTIFACT_BYTES): Promise<FileStamp> {
  let stat
  try {
    stat = await fs.stat(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new LoadError(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code ?? String(error)}`
    )
  }
  if (!stat.isFile()) throw new LoadError('unreadable', `not a regular file: ${file}`)
  if (stat.size > maxBytes) {
    throw new LoadError(
      'unreadable',
      `file is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the ${maxBytes / 1024 / 1024} MiB limit`
    )
  }
  return { file, mtimeMs: stat.mtimeMs, size: stat.size }
}

export function sameStamp(a: { mtimeMs: number; size: number }, b: { mtimeMs: number; size: number }): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size
}
