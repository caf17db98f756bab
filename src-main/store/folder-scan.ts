/**
 * Which files of an opened folder are runs: `*.tine` files at most two folders deep (so a project
 * folder shows its `.tine_runs/`), skipping dependency and VCS folders, hidden files (our own temp
 * files among them) and symbolic links (which could lead outside the folder).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'

/** Folders below the opened one that are searched: `dir/x.tine`, `dir/a/x.tine`, `dir/a/b/x.tine`. */
export const MAX_RUN_DEPTH = 2

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv'])
const VISIBLE_DOT_DIRS = new Set(['.tine_runs'])

export interface RunFileStat {
  /** Absolute path. */
  file: string
  /** Path relative to the opened folder, with `/` separators: the index cache key. */
  name: string
  mtimeMs: number
  size: number
}

export function isRunFileName(name: string): boolean {
  return name.endsWith('.tine') && !name.startsWith('.')
}

export function isSearchedDirName(name: string): boolean {
  if (SKIPPED_DIRS.has(name)) return false
  return !name.startsWith('.') || VISIBLE_DOT_DIRS.has(name)
}

/** True when `relative` (to an opened folder) names a file the folder lists. */
export function isListedRelativePath(relative: string): boolean {
  if (relative === '' || path.isAbsolute(relative)) return false
  const parts = relative.split(path.sep)
  if (parts.length > MAX_RUN_DEPTH + 1) return false
  if (parts.some((part) => part === '..' || part === '.' || part === '')) return false
  return parts.slice(0, -1).every(isSearchedDirName) && isRunFileName(parts[parts.length - 1])
}

export function relativeName(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/')
}

/** Every run file of the folder with its stat, in no particular order. */
export async function scanRunFiles(folder: string, maxDepth = MAX_RUN_DEPTH): Promise<RunFileStat[]> {
  const found: RunFileStat[] = []
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries
    try {
      entries = await fs.readdir(dir, { withFileTypes: true })
    } catch {
      return // a folder that vanished or cannot be read simply lists nothing
    }
    const work: Promise<void>[] = []
    for (const entry of entries) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (depth < maxDepth && isSearchedDirName(entry.name)) work.push(visit(full, depth + 1))
      } else if (entry.isFile() && isRunFileName(entry.name)) {
        work.push(
          statRunFile(folder, full).then((stat) => {
            if (stat) found.push(stat)
          })
        )
      }
    }
    await Promise.all(work)
  }
  await visit(folder, 0)
  return found
}

/**
 * How many folders watching this one takes (itself and every searched folder below it), counted up
 * to `limit + 1` only, so a huge tree is never walked in full.
 */
export async function countSearchedFolders(folder: string, limit: number, maxDepth = MAX_RUN_DEPTH): Promise<number> {
  let count = 1
  let level = [folder]
  for (let depth = 0; depth < maxDepth && level.length > 0 && count <= limit; depth++) {
    const next: string[] = []
    for (const dir of level) {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const entry of entries) {
        if (!entry.isDirectory() || !isSearchedDirName(entry.name)) continue
        next.push(path.join(dir, entry.name))
        if (++count > limit) return count
      }
    }
    level = next
  }
  return count
}

/** The stat of one opened file, or null when it is gone. */
export async function statRunFile(folder: string, file: string): Promise<RunFileStat | null> {
  const stat = await fs.stat(file).catch(() => null)
  if (!stat?.isFile()) return null
  return { file, name: relativeName(folder, file), mtimeMs: stat.mtimeMs, size: stat.size }
}
