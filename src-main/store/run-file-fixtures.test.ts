// Every real .tine fixture: our loader's verdicts equal the Python oracle's, re-saving a v2 file
// reproduces its bytes, and loading never touches the file. New fixtures are picked up by the walk.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRun } from './run-file'
import type { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { computeStepId, isContentHash, legacyForkRunId, verifyForkRunId } from '../../src-shared/tine/ids'
import { isObject } from '../../src-shared/tine/json-value'
import { runOracle, type OracleFileReport, type OracleRun } from '../../e2e/kit/oracle'
import { FIXTURES_DIR, walkFiles } from '../../e2e/kit/paths'

const fixtures = walkFiles(FIXTURES_DIR, '.tine')

/** Our classification of the step ids, in the oracle's vocabulary. */
function classifySteps(run: Run): { ok: number; callerAssigned: number; mismatch: number } {
  const counts = { ok: 0, callerAssigned: 0, mismatch: 0 }
  for (const step of run.steps) {
    const computed = computeStepId({
      kind: step.kind,
      inputs: step.inputs,
      parentIds: step.parentIds,
      outputs: step.outputs,
      modelInfo: step.modelInfo,
      toolInfo: step.toolInfo,
      error: step.error
    })
    if (computed === step.id) counts.ok++
    else if (isContentHash(step.id)) counts.mismatch++
    else counts.callerAssigned++
  }
  return counts
}

/** Our fork-identity verdict, in the oracle's vocabulary. */
function forkVerdict(run: Run): string {
  const verdict = verifyForkRunId(run.id, run.metadata.fork)
  if (verdict !== null) return verdict ? 'act-id OK' : 'act-id MISMATCH'
  const source = run.metadata.forked_from
  const point = run.metadata.fork_point
  if (typeof source === 'string' && source && typeof point === 'string' && point) {
    return legacyForkRunId(source, point) === run.id ? 'legacy-id OK' : 'explicit id (no derivation recorded)'
  }
  return '-'
}

/** Which reader path a fixture takes, decided independently of our loader (plain JSON.parse). */
function shapeOf(file: string): 'v1' | 'v2' | 'legacy' {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  if (document.type === 'Run' && Array.isArray(document.steps) && !('graph' in document)) return 'legacy'
  return document.format_version === 1 ? 'v1' : 'v2'
}

describe('real fixtures against the Python oracle', () => {
  let oracle: OracleRun

  beforeAll(() => {
    oracle = runOracle(fixtures)
  })

  it('finds the fixtures and the oracle accepts all of them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15)
    expect(oracle.status, oracle.stdout + oracle.stderr).toBe(0)
    expect([...oracle.files.keys()].sort()).toEqual([...fixtures].sort())
  })

  for (const file of fixtures) {
    const name = path.relative(FIXTURES_DIR, file)
    const shape = shapeOf(file)

    describe(name, () => {
      let report: OracleFileReport
      let run: Run
      let before: { bytes: Buffer; mtimeMs: number }

      beforeAll(async () => {
        report = oracle.files.get(file)!
        before = { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs }
        run = await loadRun(file)
      })

      it('loads, and loading leaves the file untouched', () => {
        expect(report, 'oracle report').toBeDefined()
        expect(report.shape).toBe(shape)
        expect(readFileSync(file).equals(before.bytes)).toBe(true)
        expect(statSync(file).mtimeMs).toBe(before.mtimeMs)
      })

      it('has the digest verdict, step id classes and fork verdict the oracle reports', () => {
        if (report.shape === 'legacy') {
          expect(run.provenance.sourceFormat).toBe('legacy-0.1.0')
          expect(run.provenance.integrity).toBeNull()
          expect(report.importedIdPrefixes!.length).toBe(run.stepCount)
          expect(run.order.map((id) => id.slice(0, 16))).toEqual(report.importedIdPrefixes)
          return
        }
        expect(report.digestPrefix, report.text).toBeDefined()
        const integrity = run.provenance.integrity!
        expect(run.provenance.sourceFormat).toBe(report.shape)
        expect(integrity.ok).toBe(report.digestOk)
        expect(integrity.actual!.slice(0, 12)).toBe(report.digestPrefix)

        const steps = classifySteps(run)
        expect(run.stepCount).toBe(report.stepsTotal)
        expect(steps).toEqual({
          ok: report.stepsOk,
          callerAssigned: report.stepsCallerAssigned,
          mismatch: report.stepsMismatch
        })
        expect(forkVerdict(run)).toBe(report.fork)
      })

      if (shape === 'v1') {
        it('migrates v1 to the digest the oracle derives for the v2 body', () => {
          const integrity = run.metadata.integrity
          expect(isObject(integrity) && typeof integrity.digest === 'string').toBe(true)
          const digest = (integrity as { digest: string }).digest
          expect(digest.slice(0, 12)).toBe(report.migratedDigestPrefix)
        })
      }

      if (shape === 'v2') {
        it('re-serializes to the same bytes (a final newline aside)', () => {
          const text = before.bytes.toString('utf8')
          expect(serializeRun(run)).toBe(text.endsWith('\n') ? text.slice(0, -1) : text)
        })
      }
    })
  }
})
