/**
 * Listing an opened folder: real opentine fixtures, plus a corrupt, a tampered and a newer-format
 * file. Each bad file is listed with its reason and none of them hides the other runs.
 */
import { cpSync, promises as fs, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FolderSnapshot, RunListItem, RunView } from '../../src-shared/api/types'
import { createApiService, type ApiServiceWithStats } from '../api/service'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { errorCode, tempFolder } from '../testing/support'

const GUI_RUNS = path.join(FIXTURES_DIR, 'gui', '.tine_runs')
let service: ApiServiceWithStats
let folder: string
let snapshot: FolderSnapshot

function byFile(name: string): RunListItem {
  const item = snapshot.runs.find((run) => path.basename(run.file) === name)
  if (!item) throw new Error(`${name} is not listed`)
  return item
}

beforeAll(async () => {
  folder = tempFolder()
  cpSync(GUI_RUNS, path.join(folder, '.tine_runs'), { recursive: true })
  for (const name of ['golden_v2.tine', 'golden_signed_v2.tine', 'golden_v1.tine', 'golden_v0_linear.tine']) {
    cpSync(path.join(FIXTURES_DIR, 'golden', name), path.join(folder, name))
  }
  await fs.chmod(path.join(folder, '.tine_runs'), 0o755)
  await fs.writeFile(path.join(folder, 'corrupt.tine'), '{"format_version": 2, "run_id": "half-writ')
  // Tampered: a step's text edited by hand, the recorded digest left as it was.
  const original = readFileSync(path.join(GUI_RUNS, 'demo-failed.tine'), 'utf8')
  const tampered = original.replace('Deploy the release pipeline.', 'Deploy something else.')
  expect(tampered).not.toBe(original)
  await fs.writeFile(path.join(folder, 'tampered.tine'), tampered)
  const newer = readFileSync(path.join(GUI_RUNS, 'demo-paused.tine'), 'utf8').replace(
    '"format_version": 2',
    '"format_version": 3'
  )
  await fs.writeFile(path.join(folder, 'newer.tine'), newer)
  // Never listed: not a run name, a temp file of ours, a dependency folder.
  await fs.writeFile(path.join(folder, '.tampered.tine.123.abcdef.tmp'), original)
  await fs.mkdir(path.join(folder, 'node_modules'))
  await fs.writeFile(path.join(folder, 'node_modules', 'hidden.tine'), original)
  await fs.mkdir(path.join(folder, 'a', 'b', 'c'), { recursive: true })
  await fs.writeFile(
    path.join(folder, 'a', 'b', 'deep-ok.tine'),
    readFileSync(path.join(GUI_RUNS, 'demo-complete.tine'))
  )
  await fs.writeFile(path.join(folder, 'a', 'b', 'c', 'too-deep.tine'), original)
  service = createApiService({
    mode: 'browser',
    cacheDir: path.join(folder, '..', path.basename(folder) + '-cache'),
    version: 'test'
  })
  ;[snapshot] = await service.openPaths([folder])
  // Listed at once from quick reads; these tests look at the rows once fully checked.
  await service.whenVerified()
  ;[snapshot] = (await service.dispatch('folders.list', {})) as (typeof snapshot)[]
})

afterAll(() => service.close())

describe('folder listing', () => {
  test('lists every readable fixture with its id, status, steps, cost and badges', () => {
    const expected: Array<[string, string, string, number]> = [
      ['demo-complete.tine', 'demo-complete', 'completed', 4],
      ['demo-failed.tine', 'demo-failed', 'failed', 6],
      ['demo-paused.tine', 'demo-paused', 'paused', 3],
      ['demo-running.tine', 'demo-running', 'running', 5],
      ['demo-fork-child.tine', 'demo-fork-child', 'running', 2],
      ['golden_v2.tine', 'golden_v2', '', 3]
    ]
    for (const [name, runId, status, steps] of expected) {
      const item = byFile(name)
      if (runId !== 'golden_v2') expect(item.run_id).toBe(runId)
      if (status) expect(item.status).toBe(status)
      expect(item.steps).toBe(steps)
      expect(item.unreadable).toBe(false)
      expect(item.integrity).toBe('ok')
      expect(path.isAbsolute(item.file)).toBe(true)
    }
    const forkSource = JSON.parse(readFileSync(path.join(GUI_RUNS, 'demo-fork-child.tine'), 'utf8')).metadata
      .forked_from
    expect(forkSource).toBeTruthy()
    expect(byFile('demo-fork-child.tine').forkedFrom).toBe(forkSource)
    expect(byFile('demo-complete.tine').forkedFrom).toBeNull()
    expect(byFile('golden_signed_v2.tine').signature).toBe('signed')
    expect(byFile('golden_v2.tine').signature).toBe('unsigned')
    expect(byFile('golden_v1.tine').format_version).toBe(1)
    expect(byFile('golden_v0_linear.tine').integrity).toBe('legacy')
    expect(byFile('demo-complete.tine').cost).toBeGreaterThan(0)
  })

  test('a corrupt file is listed as unreadable with the parser reason', () => {
    const item = byFile('corrupt.tine')
    expect(item.unreadable).toBe(true)
    expect(item.reason).toMatch(/unterminated|unexpected end|malformed|expected/i)
    expect(item.run_id).toBe('')
  })

  test('a tampered file is listed, flagged as a digest mismatch, and opens read-only', async () => {
    const item = byFile('tampered.tine')
    expect(item.unreadable).toBe(false)
    expect(item.integrity).toBe('mismatch')
    const view = (await service.dispatch('runs.load', { file: item.file })) as RunView
    expect(view.trust.integrity).toBe('mismatch')
    expect(view.trust.integrityReason).toBe('digest mismatch')
    expect(view.trust.readOnlyReason).toMatch(/integrity check failed/)
    expect(view.trust.expectedDigest).not.toBe(view.trust.actualDigest)
    expect(view.steps[0].label).toBe('Deploy something else.')
  })

  test('a newer format is unreadable with integrity "unsupported" and the reason', () => {
    const item = byFile('newer.tine')
    expect(item.unreadable).toBe(true)
    expect(item.integrity).toBe('unsupported')
    expect(item.reason).toContain('format_version=3; written by a newer opentine')
  })

  test('loading an unreadable run fails with its reason', async () => {
    const item = byFile('corrupt.tine')
    expect(await errorCode(service.dispatch('runs.load', { file: item.file }))).toBe('unreadable')
  })

  test('temp files, dependency folders and files three folders deep are not listed', () => {
    const names = snapshot.runs.map((run) => path.relative(folder, run.file)).sort()
    expect(names).toContain(path.join('a', 'b', 'deep-ok.tine'))
    expect(
      names.filter((name) => name.includes('too-deep') || name.includes('node_modules') || name.endsWith('.tmp'))
    ).toEqual([])
    // 6 GUI runs + 4 golden + corrupt + tampered + newer + deep-ok
    expect(snapshot.runs).toHaveLength(14)
  })

  test('the list is newest first, unreadable files last', () => {
    const readable = snapshot.runs.filter((run) => !run.unreadable)
    for (let i = 1; i < readable.length; i++)
      expect(readable[i - 1].created_at).toBeGreaterThanOrEqual(readable[i].created_at)
    expect(snapshot.runs.slice(-2).every((run) => run.unreadable)).toBe(true)
    expect(snapshot.watchMode).toBe('events')
  })

  test('loading happens in a worker thread', () => {
    expect(service.stats().loadMode).toBe('worker')
  })
})
