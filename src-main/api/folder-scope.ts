/**
 * Which folders are too broad to open without asking: the file-system root, a folder above the
 * user's home (it holds other users' folders) and system folders. Opening one lists and watches
 * what belongs to others, so the user confirms it first. A single file is never broad.
 */
import { realpathSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Folders and everything below them that belong to the system, per platform. */
const SYSTEM_FOLDERS: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  linux: [
    '/bin',
    '/boot',
    '/dev',
    '/etc',
    '/lib',
    '/lib32',
    '/lib64',
    '/proc',
    '/root',
    '/run',
    '/sbin',
    '/snap',
    '/sys',
    '/usr',
    '/var'
  ],
  darwin: ['/Applications', '/Library', '/System', '/bin', '/dev', '/etc', '/private', '/sbin', '/usr', '/var']
}

export interface FolderScope {
  home: string
  /** The real path of the temporary folder: never broad, even where it lies in a system folder (macOS). */
  temp: string
  platform: NodeJS.Platform
  /** Windows only: the system folder (%SystemRoot%) and the program folders. */
  windowsSystem?: readonly string[]
}

export function currentFolderScope(env: NodeJS.ProcessEnv = process.env): FolderScope {
  const windowsSystem = [env.SystemRoot, env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramData].filter(
    (value): value is string => Boolean(value)
  )
  let temp = os.tmpdir()
  try {
    temp = realpathSync(temp)
  } catch {
    // a temporary folder that cannot be resolved is compared as named
  }
  return { home: os.homedir(), temp, platform: process.platform, windowsSystem }
}

function isWithin(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** Why opening this real, absolute folder needs the user's confirmation; null when it does not. */
export function broadFolderReason(folder: string, scope: FolderScope): string | null {
  const resolved = path.resolve(folder)
  if (path.parse(resolved).root === resolved) return `${resolved} is the root of the file system`
  const home = path.resolve(scope.home)
  if (resolved !== home && isWithin(home, resolved)) return `${resolved} is above your home folder ${home}`
  if (isWithin(resolved, home) || isWithin(resolved, path.resolve(scope.temp))) return null
  const system = scope.platform === 'win32' ? (scope.windowsSystem ?? []) : (SYSTEM_FOLDERS[scope.platform] ?? [])
  const owner = system.find((candidate) => isWithin(resolved, path.resolve(candidate)))
  return owner ? `${resolved} is a system folder (${owner})` : null
}
