/** Which command-line arguments name runs to open: existing folders and `.tine` files. */
import { statSync } from 'node:fs'
import path from 'node:path'

/**
 * `args` are the user's arguments only (the executable and, unpackaged, the app path removed).
 * Switches are skipped: Chromium adds its own (e.g. on a second instance) and we define none.
 */
export function openablePaths(args: readonly string[], cwd: string, ignore: readonly string[] = []): string[] {
  const ignored = new Set(ignore.map((p) => path.resolve(p)))
  const found: string[] = []
  for (const arg of args) {
    if (arg === '' || arg.startsWith('-')) continue
    const full = path.resolve(cwd, arg)
    if (ignored.has(full) || found.includes(full)) continue
    try {
      const stat = statSync(full)
      if (stat.isDirectory() || (stat.isFile() && full.toLowerCase().endsWith('.tine'))) found.push(full)
    } catch {
      // not a path we can open; Electron and the OS pass other things through argv too
    }
  }
  return found
}

/** Drops the executable, and the app folder or script when running unpackaged (`electron .`). */
export function userArgs(argv: readonly string[], packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2)
}
