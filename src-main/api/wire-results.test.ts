/**
 * Results that only pass through the main side: dispatchWire gives the load worker's JSON text,
 * which browser mode sends as it is; dispatch gives the same answer as a value. A dropped copy's
 * view is the exception: the main side marks it read-only, so it is a value.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DROPPED_COPY_REASON } from '../../src-shared/api/dropped-copy'
import type { RunView } from '../../src-shared/api/types'
import { GUI_RUNS } from '../../e2e/kit/run-files'
import { WireJson } from '../workers/wire-json'
import { createApiService, type ApiServiceWithStats } from './service'
import { tempFolder } from '../testing/support'

let service: ApiServiceWithStats
let file: string

beforeAll(async () => {
  const root = tempFolder()
  file = path.join(root, 'runs', 'demo-complete.tine')
  mkdirSync(path.dirname(file))
  copyFileSync(path.join(GUI_RUNS, 'demo-complete.tine'), file)
  service = createApiService({ mode: 'browser', cacheDir: path.join(root, 'cache'), version: 'test' })
  await service.openPaths([path.dirname(file)])
})

afterAll(() => service.close())

describe('results passed on as JSON text', () => {
  test("a run's view and a step come as the worker's text, and as the same value through dispatch", async () => {
    const wire = await service.dispatchWire('runs.load', { file })
    expect(wire).toBeInstanceOf(WireJson)
    const view = (await service.dispatch('runs.load', { file })) as RunView
    expect(JSON.parse((wire as WireJson<RunView>).text)).toEqual(view)
    expect(view.runId).not.toBe('')

    const stepId = view.steps[0].id
    const step = await service.dispatchWire('runs.step', { file, stepId })
    expect(step).toBeInstanceOf(WireJson)
    expect(JSON.parse((step as WireJson<unknown>).text)).toEqual(await service.dispatch('runs.step', { file, stepId }))
  })

  test('a diff comes as text too; a small answer such as app.info is a value', async () => {
    const diff = await service.dispatchWire('runs.diff', { fileA: file, fileB: file })
    expect(diff).toBeInstanceOf(WireJson)
    expect(await service.dispatchWire('app.info', {})).not.toBeInstanceOf(WireJson)
  })

  test("a dropped copy's view is marked read-only on the main side", async () => {
    const base64 = readFileSync(file).toString('base64')
    const { file: dropped } = (await service.dispatch('runs.import', { name: 'from-a-colleague.tine', base64 })) as {
      file: string
    }
    const view = await service.dispatchWire('runs.load', { file: dropped })
    expect(view).not.toBeInstanceOf(WireJson)
    expect((view as RunView).trust.readOnlyReason).toBe(DROPPED_COPY_REASON)
  })
})
