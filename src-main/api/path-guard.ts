/**
 * Confinement of renderer-supplied paths: a run file may be read only when its real path (symbolic
 * links resolved) is a run file of a folder the user opened, or the single file they opened.
 * The path is checked as written first, so nothing outside the opened folders is even looked up.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { FolderRegistry } from './folder-registry'
import { ApiError } from '../../src-shared/api/api-error'

function forbidden(requested: string): ApiError {
  return new ApiError('forbidden-path', `${requested.slice(0, 300)} is not a run file of an opened folder`)
}

export async function confinedRunFile(registry: FolderRegistry, requested: string): Promise<string> {
  if (!path.isAbsolute(requested) || requested.includes('\0')) throw forbidden(requested)
  const absolute = path.resolve(requested)
  if (!registry.allows(absolute)) throw forbidden(requested)
  let real: string
  try {
    real = await fs.realpath(absolute)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ApiError('not-found', `no such file: ${requested.slice(0, 300)}`)
    throw forbidden(requested)
  }
  if (!registry.allows(real)) throw forbidden(requested)
  return real
}
