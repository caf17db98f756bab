/**
 * Loading off the main thread (and the in-process fallback when no worker can start), the polling
 * fallback of the watcher, and the folders opened by default.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { RunView } from '../../src-shared/api/types'
import { createApiService, defaultOpenPaths } from './service'
import { LoadPool, workerLaunch } from '../workers/load-pool'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { obj } from '../../src-shared/tine/json-value'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { nextEvent, sampleRun, tempFolder } from '../testing/support'
import { writeRun } from '../../e2e/kit/run-files'

describe('load pool', () => {
  test('runs in a worker thread from the TypeScript sources', async () => {
    const folder = tempFolder()
    const file = path.join(folder, 'a.tine')
    await writeRun(file, sampleRun('in-worker'))
    const pool = new LoadPool({ size: 1 })
    try {
      const entry = await pool.run({ kind: 'entry', file })
      expect(pool.mode).toBe('worker')
      expect(entry.item.run_id).toBe('in-worker')
      expect(entry.stable).toBe(true)
      const view = await pool.run({ kind: 'view', file })
      expect(view.steps).toHaveLength(4)
      // The open run stays parsed in the worker: a step request reads nothing more.
      const reads = pool.reads()
      const detail = await pool.run({ kind: 'step', file, stepId: view.steps[1].id })
      expect(detail.inputs).toEqual({ name: 'read_file', arguments: { path: 'src/file0.ts' } })
      expect(pool.reads()).toBe(reads)
    } finally {
      await pool.close()
    }
  })

  test('falls back to in-process loading, and says so, when no worker can start', async () => {
    const folder = tempFolder()
    await writeRun(path.join(folder, 'b.tine'), sampleRun('fallback'))
    const lines: string[] = []
    const service = createApiService({
      mode: 'browser',
      cacheDir: tempFolder(),
      version: 'test',
      workerEntry: path.join(folder, 'no-such-worker.js'),
      log: (line) => lines.push(line)
    })
    try {
      const [snapshot] = await service.openPaths([folder])
      expect(snapshot.runs[0].run_id).toBe('fallback')
      expect(service.stats().loadMode).toBe('in-process')
      // Said once, though both workers failed to start.
      expect(lines.filter((line) => /load worker unavailable .*loading runs in-process/.test(line))).toHaveLength(1)
      const view = (await service.dispatch('runs.load', { file: path.join(folder, 'b.tine') })) as RunView
      expect(view.runId).toBe('fallback')
    } finally {
      await service.close()
    }
  })

  test('finds the bundled worker beside the main bundle', async () => {
    const out = tempFolder()
    await fs.mkdir(path.join(out, 'main', 'chunks'), { recursive: true })
    await fs.writeFile(path.join(out, 'main', 'load-worker.js'), '')
    expect(workerLaunch(`file://${out}/main/index.js`)?.file.pathname).toBe(`${out}/main/load-worker.js`)
    expect(workerLaunch(`file://${out}/main/chunks/service-abc.js`)?.file.pathname).toBe(`${out}/main/load-worker.js`)
    expect(workerLaunch(`file://${out}/elsewhere/index.js`)).toBeNull()
    const fromSource = workerLaunch(`file://${REPO_ROOT}/src-main/workers/load-pool.ts`)!
    expect(fromSource.file.pathname.endsWith('load-worker-tsx.mjs')).toBe(true)
    expect(fromSource.entry?.endsWith('load-worker.ts')).toBe(true)
  })
})

describe('a big run through the service', () => {
  test('runs.load of a 15,900-step file returns its structure, timed', async () => {
    const folder = tempFolder()
    const run = new Run({ id: 'big-run', createdAt: 1_760_000_000, status: 'completed', modelInfo: 'claude-test' })
    for (let i = 0; i < 15_900; i++) {
      const tool = i % 3 === 1
      run.addStep({
        id: `step-${i}`,
        kind: tool ? 'tool' : 'model',
        inputs: tool
          ? obj({ name: 'grep', arguments: obj({ pattern: `needle${i}` }) })
          : obj({ text: `step ${i} reasoning` }),
        outputs: obj({ result: 'x'.repeat(40) }),
        cost: 0.0001,
        timestamp: 1_760_000_000 + i
      })
    }
    const file = path.join(folder, 'big.tine')
    await fs.writeFile(file, serializeRun(run))
    const service = createApiService({ mode: 'browser', cacheDir: tempFolder(), version: 'test' })
    try {
      const listStarted = performance.now()
      await service.openPaths([folder])
      const listMs = performance.now() - listStarted
      const started = performance.now()
      const view = (await service.dispatch('runs.load', { file })) as RunView
      const loadMs = performance.now() - started
      const againStarted = performance.now()
      await service.dispatch('runs.load', { file })
      const againMs = performance.now() - againStarted
      console.log(
        `15,900 steps: listed in ${listMs.toFixed(0)} ms, runs.load ${loadMs.toFixed(0)} ms (parse in the worker), again ${againMs.toFixed(0)} ms (kept parsed)`
      )
      expect(view.steps).toHaveLength(15_900)
      expect(view.steps[1].label).toBe('grep(pattern="needle1")')
      expect(service.stats().loadMode).toBe('worker')
      expect(loadMs).toBeLessThan(20_000)
    } finally {
      await service.close()
    }
  })
})

describe('polling fallback', () => {
  test('TINE_WATCH_POLLING-style polling still reports changes', async () => {
    const folder = tempFolder()
    const service = createApiService({ mode: 'browser', cacheDir: tempFolder(), version: 'test', usePolling: true })
    try {
      const [snapshot] = await service.openPaths([folder])
      expect(snapshot.watchMode).toBe('polling')
      const file = path.join(folder, 'polled.tine')
      const added = nextEvent(service, (event) => event.kind === 'add' && event.file === file, 5000)
      await writeRun(file, sampleRun('polled'))
      expect((await added).kind).toBe('add')
    } finally {
      await service.close()
    }
  })
})

describe('defaultOpenPaths', () => {
  test('prefers ./.tine_runs in the working folder', async () => {
    const cwd = tempFolder()
    await fs.mkdir(path.join(cwd, '.tine_runs'))
    expect(defaultOpenPaths(cwd)).toEqual([path.join(cwd, '.tine_runs')])
  })

  test('else opens the examples of this checkout, or the override', () => {
    const cwd = tempFolder()
    expect(defaultOpenPaths(cwd)).toEqual([path.join(REPO_ROOT, 'resources', 'examples')])
    expect(defaultOpenPaths(cwd, { examplesDir: '/opt/tine/examples' })).toEqual(['/opt/tine/examples'])
  })
})
