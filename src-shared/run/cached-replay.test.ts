import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runOracle } from '../../e2e/kit/oracle'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { cachedReplay, verifyReplay } from './cached-replay'
import { loadRunFromBytes } from './load'
import { serializeRun } from './save'

const GOLDEN = path.join(FIXTURES_DIR, 'golden/golden_v2.tine')
const DEMO_FAILED = path.join(FIXTURES_DIR, 'gui/.tine_runs/demo-failed.tine')

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-cached-replay-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

describe('cachedReplay', () => {
  it('forks after the point with a stable id, keeps the ancestry and the status, and writes a file the oracle accepts', () => {
    const bytes = new Uint8Array(readFileSync(GOLDEN))
    const source = loadRunFromBytes(bytes)
    const point = source.order[source.order.length - 1]
    const first = cachedReplay(source, point)
    const second = cachedReplay(loadRunFromBytes(bytes), point)
    expect(first.run.id).toMatch(/^[0-9a-f]{64}$/)
    expect(second.run.id).toBe(first.run.id)
    expect(first.forkPoint).toBe(point)
    expect(first.retained).toEqual(source.order.filter((id) => source.ancestors(point).includes(id)))
    expect(first.run.status).toBe(source.status)
    expect(first.run.metadata.replay).toEqual(
      expect.objectContaining({ mode: 'cache', reused_steps: BigInt(first.retained.length), source_run: source.id })
    )
    const file = path.join(tempDir, 'golden-replay.tine')
    writeFileSync(file, serializeRun(first.run))
    const report = runOracle([file]).files.get(file)
    expect(report?.ok, report?.text).toBe(true)
    expect(report?.fork).toBe('act-id OK')
  })
})

describe('verifyReplay', () => {
  for (const [label, file] of [
    ['golden_v2', GOLDEN],
    ['demo-failed', DEMO_FAILED]
  ] as const) {
    it(`${label}: a replay from the last step and from the first step is faithful`, () => {
      const bytes = new Uint8Array(readFileSync(file))
      const source = loadRunFromBytes(bytes)
      for (const point of [source.order[source.order.length - 1], source.order[0]]) {
        const report = verifyReplay(bytes, point, false)
        expect(report.ok).toBe(true)
        expect(report.identityOk && report.sliceOk && report.integrity.ok).toBe(true)
        expect(report.replayId).toBe(cachedReplay(source, point).run.id)
        expect(report.secondId).toBe(report.replayId)
        expect(report.expectedSteps).toBe(source.ancestors(point, { followCausal: true }).length)
        expect(report.reusedSteps).toBe(report.expectedSteps)
        expect(report.structuralDrift || report.accountingDrift).toBe(false)
      }
    })
  }
})
