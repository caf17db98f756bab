/**
 * What went wrong at start-up or in a window, kept in userData/logs/main.log so a user who saw a
 * dialog (or nothing at all) can send it. Appended synchronously: the process may exit right after.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

export function logFile(userDataDir: string): string {
  return path.join(userDataDir, 'logs', 'main.log')
}

export function appendLog(file: string, line: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    appendFileSync(file, `${new Date().toISOString()} ${line.replace(/\n/g, '\n    ')}\n`)
  } catch {
    // A log that cannot be written must not hide the failure it reports; the dialog still shows.
  }
}

export function describeError(error: unknown): { message: string; detail: string } {
  if (error instanceof Error) return { message: error.message, detail: error.stack ?? error.message }
  return { message: String(error), detail: String(error) }
}
