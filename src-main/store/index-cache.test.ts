/**
 * The per-folder index cache: the second open of a 1,000-run folder reads no run file and is much
 * faster; a changed file is the only one read again; a corrupt cache is discarded silently.
 */
import { promises as fs, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { serializeRun } from '../../src-shared/run/save'
import { createApiService, type ApiServiceWithStats } from '../api/service'
import { cacheFileFor } from './index-cache'
import { sampleRun, tempFolder } from '../testing/support'
import { writeRun } from '../../e2e/kit/run-files'

const RUNS = 1000
let folder: string

async function openOnce(
  cacheDir: string,
  target = folder
): Promise<{ ms: number; runs: number; stats: ReturnType<ApiServiceWithStats['stats']> }> {
  const service = createApiService({ mode: 'browser', cacheDir, version: 'test' })
  try {
    const started = performance.now()
    const [snapshot] = await service.openPaths([target])
    // The cold time counts the background checks too: the index is complete only after them.
    await service.whenVerified()
    const ms = performance.now() - started
    return { ms, runs: snapshot.runs.length, stats: service.stats() }
  } finally {
    await service.close()
  }
}

beforeAll(async () => {
  folder = tempFolder()
  await fs.mkdir(path.join(folder, '.tine_runs'))
  const writes: Promise<void>[] = []
  for (let i = 0; i < RUNS; i++) {
    writes.push(
      fs.writeFile(
        path.join(folder, '.tine_runs', `run-${i}.tine`),
        serializeRun(sampleRun(`run-${i}`, 3, 1_760_000_000 + i))
      )
    )
  }
  await Promise.all(writes)
})

describe('index cache', () => {
  test('the second open of 1,000 runs reads no file and is much faster', async () => {
    const cacheDir = tempFolder('tine-cache-')
    const cold = await openOnce(cacheDir)
    expect(cold.runs).toBe(RUNS)
    // Each file read twice when cold: a quick read for its row, then the full check in the background.
    expect(cold.stats.fileReads).toBe(2 * RUNS)
    expect(cold.stats.cacheHits).toBe(0)
    expect(readdirSync(cacheDir)).toEqual([path.basename(cacheFileFor(cacheDir, folder))])

    const warm = await openOnce(cacheDir)
    expect(warm.runs).toBe(RUNS)
    expect(warm.stats.fileReads).toBe(0)
    expect(warm.stats.cacheHits).toBe(RUNS)
    console.log(`list ${RUNS} runs: cold ${cold.ms.toFixed(0)} ms, with the index ${warm.ms.toFixed(0)} ms`)
    expect(warm.ms).toBeLessThan(cold.ms / 3)

    // Only changed files are read again; a removed file leaves the list.
    await writeRun(path.join(folder, '.tine_runs', 'run-7.tine'), sampleRun('run-7-edited', 4))
    await fs.appendFile(path.join(folder, '.tine_runs', 'run-8.tine'), ' ')
    await fs.rename(path.join(folder, '.tine_runs', 'run-9.tine'), path.join(folder, 'run-9-moved.tine'))
    const service = createApiService({ mode: 'browser', cacheDir, version: 'test' })
    try {
      const [snapshot] = await service.openPaths([folder])
      await service.whenVerified()
      // Three changed files, each read quickly for its row and again for its full check.
      expect(service.stats().fileReads).toBe(6)
      expect(snapshot.runs.find((run) => run.file.endsWith('run-7.tine'))?.run_id).toBe('run-7-edited')
      expect(snapshot.runs.some((run) => run.file.endsWith(`${path.sep}run-9-moved.tine`))).toBe(true)
      expect(snapshot.runs.some((run) => run.file.endsWith(`.tine_runs${path.sep}run-9.tine`))).toBe(false)
    } finally {
      await service.close()
      await fs.rename(path.join(folder, 'run-9-moved.tine'), path.join(folder, '.tine_runs', 'run-9.tine'))
    }
  })

  test('a corrupt cache is discarded silently and rebuilt', async () => {
    const small = tempFolder()
    for (let i = 0; i < 5; i++) await writeRun(path.join(small, `r${i}.tine`), sampleRun(`small-${i}`))
    const cacheDir = tempFolder('tine-cache-')
    await fs.writeFile(cacheFileFor(cacheDir, small), '{"cacheFormat": 1, "entries": {"r0.tine": {"mtimeMs": "x"')
    const lines: string[] = []
    const service = createApiService({ mode: 'browser', cacheDir, version: 'test', log: (line) => lines.push(line) })
    const [snapshot] = await service.openPaths([small])
    expect(snapshot.runs.map((run) => run.run_id).sort()).toEqual([
      'small-0',
      'small-1',
      'small-2',
      'small-3',
      'small-4'
    ])
    await service.whenVerified()
    expect(service.stats().fileReads).toBe(10)
    await service.close()
    expect(lines).toEqual([])
    const rebuilt = JSON.parse(await fs.readFile(cacheFileFor(cacheDir, small), 'utf8'))
    expect(Object.keys(rebuilt.entries).sort()).toEqual(['r0.tine', 'r1.tine', 'r2.tine', 'r3.tine', 'r4.tine'])
    expect((await openOnce(cacheDir, small)).stats.fileReads).toBe(0)
  })

  test('a cache written by another app version is not trusted', async () => {
    const small = tempFolder()
    await writeRun(path.join(small, 'one.tine'), sampleRun('one'))
    const cacheDir = tempFolder('tine-cache-')
    expect((await openOnce(cacheDir, small)).stats.fileReads).toBe(2)
    const other = createApiService({ mode: 'browser', cacheDir, version: 'other-version' })
    await other.openPaths([small])
    await other.whenVerified()
    expect(other.stats().fileReads).toBe(2)
    await other.close()
  })
})
