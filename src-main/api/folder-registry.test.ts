/** Listing from quick reads, then checking every row in the background with progress. */
import { promises as fs, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PushEvent } from '../../src-shared/api/contract'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { sampleRun, tempFolder } from '../testing/support'
import { createApiService, type ApiServiceWithStats } from './service'
import { writeRun } from '../../e2e/kit/run-files'

let service: ApiServiceWithStats | null = null
afterEach(async () => {
  await service?.close()
  service = null
})

async function folderWithATamperedRun(): Promise<string> {
  const folder = tempFolder('tine-quick-list-')
  for (let i = 0; i < 6; i++)
    await writeRun(path.join(folder, `run-${i}.tine`), sampleRun(`quick-${i}`, 2, 1_760_000_000 + i))
  const original = readFileSync(path.join(FIXTURES_DIR, 'gui/.tine_runs/demo-failed.tine'), 'utf8')
  await fs.writeFile(
    path.join(folder, 'tampered.tine'),
    original.replace('Deploy the release pipeline.', 'Deploy something else.')
  )
  await fs.writeFile(path.join(folder, 'corrupt.tine'), '{"format_version": 2, "run_id": "half-writ')
  return folder
}

describe('a cold folder', () => {
  it('lists quick rows marked "checking", then replaces each with its checked row and reports progress to the end', async () => {
    const folder = await folderWithATamperedRun()
    service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-quick-cache-'), version: 'test' })
    const events: PushEvent[] = []
    service.onEvent((event) => events.push(event))
    const [snapshot] = await service.openPaths([folder])
    const row = (snap: FolderSnapshot, name: string) => snap.runs.find((run) => path.basename(run.file) === name)!
    expect(snapshot.runs).toHaveLength(8)
    // Rows from a quick read carry what the list shows, with the trust badge still open.
    expect(row(snapshot, 'run-3.tine')).toMatchObject({ run_id: 'quick-3', integrity: 'checking', unreadable: false })
    expect(row(snapshot, 'tampered.tine').integrity).toBe('checking')
    // What a quick read cannot list is loaded fully at once.
    expect(row(snapshot, 'corrupt.tine').unreadable).toBe(true)

    await service.whenVerified()
    const progress = events.flatMap((event) => (event.kind === 'verify' ? [event] : []))
    expect(progress[0]).toMatchObject({ folder: snapshot.folder, done: 0, total: 7 })
    expect(progress[progress.length - 1]).toMatchObject({ done: 7, total: 7 })
    // Every checked row arrived in one of the batches, once.
    const checkedRows = progress.flatMap((event) => event.runs.map((run) => path.basename(run.file)))
    expect(checkedRows.sort()).toEqual([
      'run-0.tine',
      'run-1.tine',
      'run-2.tine',
      'run-3.tine',
      'run-4.tine',
      'run-5.tine',
      'tampered.tine'
    ])
    expect(progress.flatMap((event) => event.runs).find((run) => run.file.endsWith('tampered.tine'))?.integrity).toBe(
      'mismatch'
    )
    const [checked] = (await service.dispatch('folders.list', {})) as FolderSnapshot[]
    expect(row(checked, 'run-3.tine').integrity).toBe('ok')
    expect(row(checked, 'tampered.tine').integrity).toBe('mismatch')
    expect(checked.runs.some((run) => run.integrity === 'checking')).toBe(false)
  })

  it('is not in the folder list until its first listing is done', async () => {
    const folder = await folderWithATamperedRun()
    service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-quick-cache-'), version: 'test' })
    const opening = service.openPaths([folder])
    const seen: number[] = []
    for (let i = 0; i < 20; i++) {
      const listed = (await service.dispatch('folders.list', {})) as FolderSnapshot[]
      seen.push(...listed.map((snapshot) => snapshot.runs.length))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await opening
    expect(seen.every((count) => count === 8)).toBe(true)
  })

  it('keeps only checked rows in the index, so the next open lists them without reading a file', async () => {
    const folder = await folderWithATamperedRun()
    const cacheDir = tempFolder('tine-quick-cache-')
    service = createApiService({ mode: 'browser', cacheDir, version: 'test' })
    await service.openPaths([folder])
    await service.whenVerified()
    await service.close()
    service = createApiService({ mode: 'browser', cacheDir, version: 'test' })
    const [again] = await service.openPaths([folder])
    expect(again.runs.filter((run) => run.integrity === 'checking')).toEqual([])
    expect(again.runs.find((run) => run.file.endsWith('tampered.tine'))?.integrity).toBe('mismatch')
    // Every row came from the index, the unreadable one included.
    expect(service.stats().fileReads).toBe(0)
  })

  it("removes stale temps of our naming beside the runs when it opens the folder, and nobody else's", async () => {
    const folder = await folderWithATamperedRun()
    const nested = path.join(folder, 'team')
    writeRun(path.join(nested, 'nested.tine'), sampleRun('nested'))
    const old = new Date(Date.now() - 3600_000)
    const stale = [
      path.join(folder, '.run-1.tine.999999.0123456789ab.tmp'),
      path.join(nested, '.x.tine.999999.ba9876543210.tmp')
    ]
    const foreign = path.join(folder, '.editor-swap.tmp')
    for (const file of [...stale, foreign]) {
      await fs.writeFile(file, 'partial write')
      await fs.utimes(file, old, old)
    }
    service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-quick-cache-'), version: 'test' })
    await service.openPaths([folder])
    await vi.waitFor(async () => {
      for (const file of stale) await expect(fs.access(file)).rejects.toThrow()
    })
    await fs.access(foreign)
  })
})
