/** Background checks wait while a run opens: the screen's requests get the workers to themselves. */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeRun } from '../../e2e/kit/run-files'
import { sampleRun, tempFolder } from '../testing/support'
import { FOREGROUND_QUIET_MS, LoadPool } from './load-pool'

let pool: LoadPool | null = null
afterEach(async () => {
  await pool?.close()
  pool = null
})

function runFile(): string {
  const file = path.join(tempFolder('tine-foreground-'), 'run.tine')
  writeRun(file, sampleRun('open-me', 40))
  return file
}

describe('whenForegroundIdle', () => {
  it("holds until a run's view is answered and the page has had a moment to draw it", async () => {
    const file = runFile()
    pool = new LoadPool({ size: 1 })
    const view = pool.runJson({ kind: 'view', file })
    let idleAt = 0
    const idle = pool.whenForegroundIdle().then(() => (idleAt = Date.now()))
    await view
    const answeredAt = Date.now()
    expect(idleAt).toBe(0)
    await idle
    expect(idleAt - answeredAt).toBeGreaterThanOrEqual(FOREGROUND_QUIET_MS - 25)
  })

  it('is not held by background requests, and is idle at once when nothing ran', async () => {
    const file = runFile()
    pool = new LoadPool({ size: 1 })
    const started = Date.now()
    await pool.whenForegroundIdle()
    const entry = pool.run({ kind: 'entry', file })
    await pool.whenForegroundIdle()
    expect(Date.now() - started).toBeLessThan(FOREGROUND_QUIET_MS / 2)
    expect((await entry).item.run_id).toBe('open-me')
  })

  it('lets every waiter go when the pool closes', async () => {
    pool = new LoadPool({ size: 1 })
    const view = pool.runJson({ kind: 'view', file: runFile() })
    const idle = pool.whenForegroundIdle()
    await pool.close()
    await expect(idle).resolves.toBeUndefined()
    await view.catch(() => undefined)
  })
})
