/**
 * Opening a big run after the folder's background check loaded it: the view the check kept is
 * served without reading the file (verified already, never "checking"), the run is loaded after
 * the reply for the steps clicked next, and a file changed since the check is shown as it is now.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunView, StepDetail } from '../../src-shared/api/types'
import { buildRunView } from '../../src-shared/api/run-view'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { serializeRun } from '../../src-shared/run/save'
import { generateLargeRun } from '../examples/generate-large-run'
import { createApiService, type ApiServiceWithStats } from './service'
import { tempFolder } from '../testing/support'

let service: ApiServiceWithStats
let big: string

/** The view a fresh full load of the file gives, as it crosses the wire. */
function viewOnDisk(file: string): RunView {
  const stat = statSync(file)
  const run = loadRunFromBytes(readFileSync(file))
  return JSON.parse(JSON.stringify(buildRunView(run, { file, mtimeMs: stat.mtimeMs, size: stat.size }))) as RunView
}

beforeAll(async () => {
  const root = tempFolder()
  big = path.join(root, 'runs', 'big.tine')
  mkdirSync(path.dirname(big))
  // Past the 4 MiB from which a checked run's view is kept.
  writeFileSync(big, serializeRun(generateLargeRun({ steps: 6500, seed: 3 })))
  service = createApiService({ mode: 'browser', cacheDir: path.join(root, 'cache'), version: 'test' })
  await service.openPaths([path.join(root, 'runs')])
  await service.whenVerified()
})

afterAll(() => service.close())

describe('a big run opened after the folder check', () => {
  test('gets the view the check kept, verified, without a read; its steps come from a load after the reply', async () => {
    const readsBefore = service.stats().fileReads
    const view = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(service.stats().fileReads).toBe(readsBefore)
    expect(view.trust.integrity).toBe('ok')
    expect(view).toEqual(viewOnDisk(big))

    const step = (await service.dispatch('runs.step', { file: big, stepId: view.steps[1].id })) as StepDetail
    expect(step.id).toBe(view.steps[1].id)
    expect(service.stats().fileReads).toBe(readsBefore + 1)
  })

  test('is shown as it is on disk once it changed', async () => {
    const before = (await service.dispatch('runs.load', { file: big })) as RunView
    writeFileSync(big, serializeRun(generateLargeRun({ steps: 6400, seed: 4 })))
    const after = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(after.runId).not.toBe(before.runId)
    const expected = viewOnDisk(big)
    expect(after.steps).toEqual(expected.steps)
    expect([after.mtimeMs, after.size]).toEqual([expected.mtimeMs, expected.size])
  })
})
