/** Loading and saving `.tine` files on disk; the status is saved as it is in memory (spec §14). */
import { promises as fs } from 'node:fs'
import { TineError } from '../../src-shared/tine/errors'
import { MAX_ARTIFACT_BYTES } from '../../src-shared/tine/parse'
import { loadRunFromBytes, type LoadOptions } from '../../src-shared/run/load'
import type { Run } from '../../src-shared/run/run'
import { serializeRun, type SaveOptions } from '../../src-shared/run/save'
import { writeFileAtomic } from './atomic-write'
import './node-hash'

/** Reads and loads a run. The file is opened read-only and never modified. */
export async function loadRun(file: string, options: LoadOptions = {}): Promise<Run> {
  return loadRunFromBytes(await readArtifactFile(file, options.maxBytes), options)
}

/** The bytes of an artifact, refusing non-files and oversized files before reading them. */
export async function readArtifactFile(file: string, maxBytes = MAX_ARTIFACT_BYTES): Promise<Uint8Array> {
  let stat
  try {
    stat = await fs.stat(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${code}`, { cause: error })
  }
  if (!stat.isFile()) throw new Error(`not a regular file: ${file}`)
  if (stat.size > maxBytes) {
    throw new TineError(
      'artifact.too-large',
      `file is ${(stat.size / 1024 / 1024).toFixed(1)} MiB, over the ${(maxBytes / 1024 / 1024).toFixed(0)} MiB limit`
    )
  }
  return new Uint8Array(await fs.readFile(file))
}

export interface SaveRunOptions extends SaveOptions {
  /** Refuse to replace an existing file. */
  exclusive?: boolean
}

/** Saves atomically; the status is written as it is in memory. */
export async function saveRun(run: Run, file: string, options: SaveRunOptions = {}): Promise<void> {
  await writeFileAtomic(file, serializeRun(run, options), { exclusive: options.exclusive })
}
