/**
 * Atomic file replacement: write a temp file in the same folder, fsync it, rename it over the
 * target, fsync the folder. A crash at any moment leaves either the old file or the new one.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, constants, promises as fs, openSync, renameSync, statSync, unlinkSync } from 'node:fs'
import path from 'node:path'

export class TargetExistsError extends Error {
  constructor(readonly target: string) {
    super(`${target} already exists (use --force to overwrite)`)
    this.name = 'TargetExistsError'
  }
}

export interface AtomicWriteOptions {
  /** Refuse when the target exists (checked again at rename time with a hard link). */
  exclusive?: boolean
  /**
   * Runs after the temp file is durable and just before it replaces the target; throwing cancels
   * the write (the temp is removed). It and the rename run synchronously, back to back, so a
   * reload-and-compare check leaves another writer no room between the check and the rename.
   */
  beforeCommit?: () => void
}

export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {}
): Promise<void> {
  const dir = path.dirname(target)
  await fs.mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw aboutTarget(error, target)
  })
  let mode = 0o644
  try {
    const existing = await fs.stat(target)
    if (options.exclusive) throw new TargetExistsError(target)
    mode = existing.mode & 0o777 // keep the file's mode, as opentine does
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await sweepStaleTemps(dir)
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: fs.FileHandle
  try {
    handle = await fs.open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode)
  } catch (error) {
    throw aboutTarget(error, target)
  }
  try {
    await handle.writeFile(content)
    await handle.sync()
  } catch (error) {
    // A full disk must not stay full because of our partial temp file.
    await handle.close().catch(() => undefined)
    await fs.unlink(temp).catch(() => undefined)
    throw aboutTarget(error, target)
  }
  await handle.close()
  try {
    if (options.beforeCommit && !options.exclusive) {
      const check = options.beforeCommit
      withCommitLock(target, () => {
        check()
        renameSync(temp, target)
      })
    } else if (options.exclusive) {
      // link() fails when the target appeared meanwhile, so a concurrent writer is never clobbered.
      await fs.link(temp, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new TargetExistsError(target)
        throw error
      })
      await fs.unlink(temp)
    } else {
      await fs.rename(temp, target)
    }
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined)
    throw error instanceof TargetExistsError ? error : aboutTarget(error, target)
  }
  await syncDirectory(dir)
}

/** A file-system error that names the user's file, not our hidden temp; its code is kept. */
function aboutTarget(error: unknown, target: string): Error {
  const code = (error as NodeJS.ErrnoException)?.code
  if (typeof code !== 'string') return error instanceof Error ? error : new Error(String(error))
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EDQUOT: 'disk quota exceeded',
    EEXIST: 'a file stands where its folder should be',
    ENOTDIR: 'a file stands where its folder should be'
  }
  const wrapped = new Error(`cannot write ${target}: ${reasons[code] ?? code}`) as NodeJS.ErrnoException
  wrapped.code = code
  return wrapped
}

/** Our temp names: `.<name>.<pid>.<12 hex>.tmp`. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/
/** A temp this old whose writer is gone is left over from a crash or a full disk. */
const STALE_TEMP_MS = 60_000
const swept = new Set<string>()

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes stale temps of our own naming from a folder, once per folder and process (best effort). */
export async function sweepStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  if (swept.has(dir)) return []
  swept.add(dir)
  const removed: string[] = []
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name)
    if (!match) continue
    const pid = Number(match[1])
    const file = path.join(dir, name)
    try {
      const stat = await fs.lstat(file)
      if (!stat.isFile() || now - stat.mtimeMs < STALE_TEMP_MS || (pid !== process.pid && processAlive(pid))) continue
      await fs.unlink(file)
      removed.push(file)
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed
}

/** A lock older than this belongs to a writer that died holding it. */
const STALE_LOCK_MS = 5_000
const LOCK_WAIT_MS = 5_000

/**
 * Check-then-rename under `<target>.lock` (created with O_EXCL), so two writers that both follow the
 * reload-and-compare rule cannot both pass the check before either renames. Held for microseconds.
 */
function withCommitLock(target: string, commit: () => void): void {
  const lock = `${target}.lock`
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      closeSync(openSync(lock, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock)
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`${target} is locked by another writer (${lock})`, { cause: error })
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)
    }
  }
  try {
    commit()
  } finally {
    try {
      unlinkSync(lock)
    } catch {
      // already gone
    }
  }
}

/** fsync a folder so a rename or unlink in it survives a crash (best effort). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle?.close()
  }
}
