/** A big run's view comes before its digest; its trust follows, and nothing else is answered unverified. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeRun, writeTampered } from '../../e2e/kit/run-files'
import { buildRunView, trustView } from '../../src-shared/api/run-view'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { sampleRun, tempFolder } from '../testing/support'
import { RunLoader, type TrustResult } from './load-task'
import type { RunView, StepDetail } from '../../src-shared/api/types'

function files() {
  const folder = tempFolder('tine-digest-later-')
  const good = path.join(folder, 'good.tine')
  writeRun(good, sampleRun('good', 4))
  const tampered = path.join(folder, 'tampered.tine')
  writeTampered(good, tampered)
  return { good, tampered }
}

function fullView(file: string, view: RunView): RunView {
  return buildRunView(loadRunFromBytes(readFileSync(file)), { file, mtimeMs: view.mtimeMs, size: view.size })
}

describe('a view served before its digest is known', () => {
  it('says "checking" and read-only, then its trust is what a full load says, for a good file and a tampered one', async () => {
    const { good, tampered } = files()
    const loader = new RunLoader({ digestLaterFromBytes: 0 })
    for (const [file, expected] of [
      [good, 'ok'],
      [tampered, 'mismatch']
    ] as const) {
      const view = (await loader.handle({ kind: 'view', file })) as RunView
      expect(view.trust.integrity).toBe('checking')
      expect(view.trust.readOnlyReason).toMatch(/being checked/)
      const full = fullView(file, view)
      expect(view.steps).toEqual(full.steps)
      const { trust } = (await loader.handle({ kind: 'trust', file, since: view })) as TrustResult
      expect(trust?.integrity).toBe(expected)
      expect(trust).toEqual(full.trust)
      expect(trust).toEqual(trustView(loadRunFromBytes(readFileSync(file))))
    }
  })

  it('answers a step of it only once verified, and gives no trust for a version no longer on disk', async () => {
    const { good } = files()
    const loader = new RunLoader({ digestLaterFromBytes: 0 })
    const view = (await loader.handle({ kind: 'view', file: good })) as RunView
    const detail = (await loader.handle({ kind: 'step', file: good, stepId: view.steps[0].id })) as StepDetail
    expect(detail.id).toBe(view.steps[0].id)
    // The step waited for the digest: the kept run is verified, so the view of it is too.
    const again = (await loader.handle({ kind: 'view', file: good })) as RunView
    expect(again.trust.integrity).toBe('ok')
    writeFileSync(good, readFileSync(good, 'utf8').replace('"status": "completed"', '"status": "paused"  '))
    const { trust } = (await loader.handle({ kind: 'trust', file: good, since: view })) as TrustResult
    expect(trust).toBeNull()
  })

  it('is not used below the size where the digest costs next to nothing', async () => {
    const { good } = files()
    const view = (await new RunLoader().handle({ kind: 'view', file: good })) as RunView
    expect(view.trust.integrity).toBe('ok')
  })
})
