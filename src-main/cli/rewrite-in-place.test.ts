/**
 * pause, resume and tag re-save in place without dropping another writer's steps (a real second
 * process appending 300 steps meanwhile), and never replace a file the user made read-only.
 */
import { spawn } from 'node:child_process'
import { chmodSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE, expectCleanError, oracle, removeWorkspace, tine, workspace } from '../testing/cli-harness'
import { loadRun } from '../store/run-file'

const APPENDER = path.join(import.meta.dirname, 'test-fixtures/appender.ts')
const APPENDS = 300

let dir: string
beforeAll(() => {
  dir = workspace([FIXTURE.goldenV2, FIXTURE.demoComplete])
})
afterAll(() => removeWorkspace(dir))

function append(file: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, file, String(count)], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(stderr))))
  })
}

describe('in-place edits with another writer', () => {
  it('keeps every step a concurrent appender wrote, and every tag', async () => {
    const file = path.join(dir, '.tine_runs/golden_v2.tine')
    const initial = (await loadRun(file)).stepCount
    const appending = append(file, APPENDS)
    const tags: string[] = []
    let edits = 0
    let done = false
    appending.finally(() => (done = true)).catch(() => undefined)
    while (!done || edits < 3) {
      const tag = `t${edits}`
      const args = edits % 3 === 2 ? ['pause', file] : ['tag', file, '--add', tag]
      const result = await tine(dir, args)
      // Refusing (nothing written) is allowed too; writing over the other writer's steps is not.
      if (result.code !== 0) expect(result.stderr).toContain('kept changing while it was being saved')
      else if (args[0] === 'tag') tags.push(tag)
      edits++
    }
    await appending
    expect(tags.length).toBeGreaterThan(0)
    const run = await loadRun(file)
    expect(run.stepCount).toBe(initial + APPENDS)
    for (const tag of tags) expect(run.tags).toContain(tag)
    expect((await oracle(file)).code).toBe(0)
  }, 180_000)

  it('refuses a read-only file and leaves it as it was', async () => {
    const file = path.join(dir, '.tine_runs/demo-complete.tine')
    chmodSync(file, 0o444)
    const before = readFileSync(file)
    const inode = statSync(file).ino
    for (const args of [
      ['pause', file],
      ['tag', file, '--add', 'x']
    ]) {
      const result = await tine(dir, args)
      expect(result.code).toBe(1)
      expect(expectCleanError(result)).toEqual([
        `tine: refusing to ${args[0]} ${file}: the file is read-only (its permissions do not allow writing it)`
      ])
    }
    expect(Buffer.compare(readFileSync(file), before)).toBe(0)
    expect(statSync(file).ino).toBe(inode)
  }, 60_000)
})
