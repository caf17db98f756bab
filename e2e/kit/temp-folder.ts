/** Temp folders for tests, each removed after its test file's tests. */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** A fresh temp folder (real path, so symlinked tmp dirs compare equal), removed after the file's tests. */
export function tempFolder(prefix = 'tine-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)))
  made.push(dir)
  return dir
}
