/**
 * The listing scans the folder while the watcher starts; a file written in between raises no event,
 * so the registry looks at the disk once more when the watcher is ready.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PushEvent } from '../../src-shared/api/contract'
import { sampleRun, tempFolder } from '../testing/support'
import { writeRun } from '../../e2e/kit/run-files'
import { LoadPool } from '../workers/load-pool'
import type { LoadRequest } from '../workers/load-task'
import { FolderRegistry } from './folder-registry'

// A watcher that reports nothing and is ready only when the test says: any file the registry
// learns of after its scan, it learned by looking again.
const watcherReady = vi.hoisted(() => {
  let release: () => void = () => undefined
  let ready = new Promise<void>((resolve) => (release = resolve))
  return {
    get promise() {
      return ready
    },
    release: () => release(),
    reset() {
      ready = new Promise<void>((resolve) => (release = resolve))
    }
  }
})
vi.mock('../store/folder-watcher', () => ({
  FolderWatcher: class {
    readonly mode = 'events'
    start() {
      return watcherReady.promise
    }
    async close() {}
  }
}))

let pool: LoadPool | null = null
afterEach(async () => {
  await pool?.close()
  pool = null
  watcherReady.reset()
})

describe('runs written while the watcher starts', () => {
  it('are listed, changed or dropped once the watcher is ready', async () => {
    const folder = tempFolder('tine-reconcile-')
    for (const name of ['kept', 'changed', 'removed'])
      await writeRun(path.join(folder, `${name}.tine`), sampleRun(name, 1, 1_760_000_000))
    pool = new LoadPool({ size: 0 })
    const listing = pool
    let wroteMeanwhile = false
    const rewritten = sampleRun('changed', 3, 1_760_000_000)
    // The first quick read comes after the scan: change the folder then, before the watcher is ready.
    const throughPool = {
      run: async (request: LoadRequest) => {
        if (request.kind === 'preview' && !wroteMeanwhile) {
          wroteMeanwhile = true
          await writeRun(path.join(folder, 'added.tine'), sampleRun('added', 1, 1_760_000_100))
          await writeRun(path.join(folder, 'changed.tine'), rewritten)
          await fs.rm(path.join(folder, 'removed.tine'))
          setTimeout(() => watcherReady.release(), 20)
        }
        return listing.run(request as never)
      },
      whenForegroundIdle: () => listing.whenForegroundIdle()
    } as unknown as LoadPool
    const events: PushEvent[] = []
    const registry = new FolderRegistry({
      pool: throughPool,
      cacheDir: tempFolder('tine-reconcile-cache-'),
      appVersion: 'test',
      emit: (event) => events.push(event),
      log: () => undefined
    })
    await registry.open(folder)
    await vi.waitFor(() => {
      const runs = registry.snapshots()[0].runs
      expect(runs.map((run) => path.basename(run.file)).sort()).toEqual(['added.tine', 'changed.tine', 'kept.tine'])
      expect(runs.find((run) => run.run_id === 'changed')?.steps).toBe(rewritten.stepCount)
    })
    expect(events).toContainEqual(expect.objectContaining({ kind: 'add', file: path.join(folder, 'added.tine') }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'unlink', file: path.join(folder, 'removed.tine') }))
    await registry.closeAll()
  })
})
