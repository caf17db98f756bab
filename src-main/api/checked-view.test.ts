/**
 * Opening a big run that a folder's background check loaded: the view the check kept is served
 * (verified already, never "checking") after one read to compare the file's bytes, the run is
 * loaded after the reply for the steps clicked next, a later session gets the view the check
 * wrote, and a file changed since is shown as it is now.
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

let root: string
let big: string
const services: ApiServiceWithStats[] = []

/** The view a fresh full load of the file gives, as it crosses the wire. */
function viewOnDisk(file: string): RunView {
  const stat = statSync(file)
  const run = loadRunFromBytes(readFileSync(file))
  return JSON.parse(JSON.stringify(buildRunView(run, { file, mtimeMs: stat.mtimeMs, size: stat.size }))) as RunView
}

async function openSession(): Promise<ApiServiceWithStats> {
  const service = createApiService({ mode: 'browser', cacheDir: path.join(root, 'cache'), version: 'test' })
  services.push(service)
  await service.openPaths([path.join(root, 'runs')])
  await service.whenVerified()
  return service
}

beforeAll(() => {
  root = tempFolder()
  big = path.join(root, 'runs', 'big.tine')
  mkdirSync(path.dirname(big))
  // Past the 4 MiB from which a checked run's view is kept.
  writeFileSync(big, serializeRun(generateLargeRun({ steps: 6500, seed: 3 })))
})

afterAll(async () => {
  for (const service of services) await service.close()
})

describe('a big run opened after a folder check', () => {
  test('gets the view the check kept, verified, after one read; its steps come from a load after the reply', async () => {
    const service = await openSession()
    const readsBefore = service.stats().fileReads
    const view = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(service.stats().fileReads).toBe(readsBefore + 1)
    expect(view.trust.integrity).toBe('ok')
    expect(view).toEqual(viewOnDisk(big))

    const step = (await service.dispatch('runs.step', { file: big, stepId: view.steps[1].id })) as StepDetail
    expect(step.id).toBe(view.steps[1].id)
    expect(service.stats().fileReads).toBe(readsBefore + 2)
    services.splice(services.indexOf(service), 1)
    await service.close()
  })

  test('a later session, which checks nothing, gets the view the check wrote', async () => {
    const service = await openSession()
    expect(service.stats().fileReads).toBe(0)
    const view = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(view.trust.integrity).toBe('ok')
    expect(view).toEqual(viewOnDisk(big))
  })

  test('is shown as it is on disk once it changed', async () => {
    const service = services[services.length - 1]
    const before = (await service.dispatch('runs.load', { file: big })) as RunView
    writeFileSync(big, serializeRun(generateLargeRun({ steps: 6400, seed: 4 })))
    const after = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(after.runId).not.toBe(before.runId)
    const expected = viewOnDisk(big)
    expect(after.steps).toEqual(expected.steps)
    expect([after.mtimeMs, after.size]).toEqual([expected.mtimeMs, expected.size])
  })
})
