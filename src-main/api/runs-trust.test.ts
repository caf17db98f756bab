/**
 * runs.trust through the service and its load workers: a run big enough to be shown before its
 * digest opens as "checking", then gets the trust a full load gives it; a tampered one a mismatch.
 * The folder is opened in a second session with the first one's index but without the views its
 * check wrote, so the runs are loaded when opened (checked-view.test.ts covers the kept views).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunView, TrustView } from '../../src-shared/api/types'
import { trustView } from '../../src-shared/api/run-view'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { serializeRun } from '../../src-shared/run/save'
import { writeTampered } from '../../e2e/kit/run-files'
import { generateLargeRun } from '../examples/generate-large-run'
import { createApiService, type ApiServiceWithStats } from './service'
import { VIEW_CACHE_FOLDER } from '../workers/checked-views'
import { errorCode, tempFolder } from '../testing/support'

let service: ApiServiceWithStats
let big: string
let tampered: string

beforeAll(async () => {
  const root = tempFolder()
  big = path.join(root, 'runs', 'big.tine')
  tampered = path.join(root, 'runs', 'big-tampered.tine')
  mkdirSync(path.dirname(big))
  // Past the 4 MiB from which a view comes before its digest.
  writeFileSync(big, serializeRun(generateLargeRun({ steps: 6500, seed: 3 })))
  expect(readFileSync(big).length).toBeGreaterThan(4 * 1024 * 1024)
  writeTampered(big, tampered)
  const cacheDir = path.join(root, 'cache')
  const firstSession = createApiService({ mode: 'browser', cacheDir, version: 'test' })
  await firstSession.openPaths([path.join(root, 'runs')])
  await firstSession.whenVerified()
  await firstSession.close()
  rmSync(path.join(cacheDir, VIEW_CACHE_FOLDER), { recursive: true, force: true })
  service = createApiService({ mode: 'browser', cacheDir, version: 'test' })
  await service.openPaths([path.join(root, 'runs')])
  expect(service.stats().fileReads).toBe(0)
})

afterAll(() => service.close())

describe('runs.trust', () => {
  test('settles a big run opened before its digest: verified for the file as written, a mismatch for a tampered copy', async () => {
    for (const [file, expected] of [
      [big, 'ok'],
      [tampered, 'mismatch']
    ] as const) {
      const view = (await service.dispatch('runs.load', { file })) as RunView
      expect(view.trust.integrity).toBe('checking')
      expect(view.trust.readOnlyReason).not.toBeNull()
      const trust = (await service.dispatch('runs.trust', {
        file,
        mtimeMs: view.mtimeMs,
        size: view.size
      })) as TrustView
      expect(trust.integrity).toBe(expected)
      expect(trust).toEqual(trustView(loadRunFromBytes(readFileSync(file))))
    }
  })

  test('is null for a version no longer on disk, and refused for a file outside the opened folders', async () => {
    const view = (await service.dispatch('runs.load', { file: big })) as RunView
    expect(
      await service.dispatch('runs.trust', { file: big, mtimeMs: view.mtimeMs - 1000, size: view.size })
    ).toBeNull()
    expect(await errorCode(service.dispatch('runs.trust', { file: '/etc/passwd', mtimeMs: 0, size: 0 }))).toBe(
      'forbidden-path'
    )
    expect(await errorCode(service.dispatch('runs.trust', { file: big }))).toBe('bad-request')
  })
})
