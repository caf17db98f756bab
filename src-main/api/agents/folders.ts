/**
 * Which folders an agent may use: the folder a run is written to must be one whose runs the app
 * lists (so the new run shows up), and the folder the built-in tools read must lie inside a
 * folder the user opened. Both are checked on real paths.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { FolderRegistry } from '../folder-registry'
import { ApiError } from '../../../src-shared/api/api-error'
/** Where the runner writes runs (run-agent.ts DEFAULT_RUNS_DIR; not imported, to keep the runner out of this process). */
const DEFAULT_RUNS_DIR = '.tine_runs'

async function realFolder(requested: string, role: string): Promise<string> {
  if (!path.isAbsolute(requested) || requested.includes('\0'))
    throw new ApiError('forbidden-path', `the ${role} must be an absolute path`)
  let real: string
  try {
    real = await fs.realpath(requested)
  } catch {
    throw new ApiError('not-found', `no such ${role}: ${requested.slice(0, 300)}`)
  }
  if (!(await fs.stat(real)).isDirectory())
    throw new ApiError('bad-request', `the ${role} is not a folder: ${requested.slice(0, 300)}`)
  return real
}

function within(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** The real `<folder>/.tine_runs` a new run is written to; refused unless its runs would be listed. */
export async function runsDirFor(registry: FolderRegistry, requested: string): Promise<string> {
  const folder = await realFolder(requested, 'run folder')
  const runsDir = path.join(folder, DEFAULT_RUNS_DIR)
  if (!registry.allows(path.join(runsDir, 'probe.tine'))) {
    throw new ApiError(
      'forbidden-path',
      `${requested.slice(0, 300)} is not an opened folder: open it first, then start the run there`
    )
  }
  return runsDir
}

/** The real folder the built-in tools may read; it must be inside a folder the user opened. */
export async function toolFolderFor(registry: FolderRegistry, requested: string): Promise<string> {
  const folder = await realFolder(requested, 'tool folder')
  const opened = registry.snapshots().filter((snapshot) => snapshot.singleFile === null)
  if (!opened.some((snapshot) => within(snapshot.folder, folder))) {
    throw new ApiError(
      'forbidden-path',
      `the tools may only read an opened folder, and ${requested.slice(0, 300)} is not inside one`
    )
  }
  return folder
}
