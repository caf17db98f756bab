import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunView } from '../../src-shared/api/types'
import { createTineStore } from './store'
import { runAfterPatch } from './run-slice'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'

const RUN = path.join(EXAMPLES_DIR, 'research-agent.tine')

/** The run as it stood after its first `count` steps, and the patch that brings the rest. */
function grownBy(count: number): { before: RunView; full: RunView } {
  const full = loadView(RUN)
  return { before: { ...full, steps: full.steps.slice(0, count) }, full }
}

describe('a live patch of the open run', () => {
  it('appends the new steps and keeps the earlier step objects', () => {
    const { before, full } = grownBy(3)
    const after = runAfterPatch(before, {
      file: full.file,
      runId: full.runId,
      steps: full.steps.slice(3),
      stepCount: full.steps.length
    })
    expect(after?.steps).toEqual(full.steps)
    for (let i = 0; i < 3; i++) expect(after?.steps[i]).toBe(before.steps[i])
    const added = full.steps.slice(3)
    expect(after?.durationTotal).toBeCloseTo(
      before.durationTotal + added.reduce((sum, step) => sum + step.duration, 0),
      9
    )
  })

  it('skips steps a reload already brought in, and refuses gaps, other runs and diverging ids', () => {
    const { before, full } = grownBy(4)
    const overlapping = runAfterPatch(before, {
      file: full.file,
      runId: full.runId,
      steps: full.steps.slice(2),
      stepCount: full.steps.length
    })
    expect(overlapping?.steps.map((step) => step.id)).toEqual(full.steps.map((step) => step.id))
    expect(
      runAfterPatch(before, {
        file: full.file,
        runId: full.runId,
        steps: full.steps.slice(5),
        stepCount: full.steps.length
      })
    ).toBeNull()
    expect(
      runAfterPatch(before, {
        file: '/elsewhere.tine',
        runId: full.runId,
        steps: full.steps.slice(4),
        stepCount: full.steps.length
      })
    ).toBeNull()
    expect(
      runAfterPatch(before, {
        file: full.file,
        runId: 'another-run',
        steps: full.steps.slice(4),
        stepCount: full.steps.length
      })
    ).toBeNull()
    // Claims to start at step 3, but its first step is not the step 3 on screen.
    const diverging = [full.steps[5], ...full.steps.slice(4)]
    expect(
      runAfterPatch(before, { file: full.file, runId: full.runId, steps: diverging, stepCount: 3 + diverging.length })
    ).toBeNull()
    const same = runAfterPatch(full, {
      file: full.file,
      runId: full.runId,
      steps: full.steps.slice(-2),
      stepCount: full.steps.length
    })
    expect(same).toBe(full)
  })

  it('is applied by the store only to the run on screen, keeping the selection', () => {
    const { before, full } = grownBy(3)
    const store = createTineStore()
    const patch = { file: full.file, runId: full.runId, steps: full.steps.slice(3), stepCount: full.steps.length }
    expect(store.getState().appendRunSteps(patch)).toBe(false)
    store.getState().beginRunLoad(full.file)
    store.getState().finishRunLoad(before)
    store.getState().selectStep(before.steps[1].id)
    const revision = store.getState().runRevision
    expect(store.getState().appendRunSteps(patch)).toBe(true)
    expect(store.getState().openRun?.steps.length).toBe(full.steps.length)
    expect(store.getState().selectedStepId).toBe(before.steps[1].id)
    // Not a reload: views that reset on a new load see the same revision.
    expect(store.getState().runRevision).toBe(revision)
  })
})

describe('the trust of a view served before its digest', () => {
  it('is taken only by the version it was asked for, and only while that version says "checking"', () => {
    const verified = loadView(RUN)
    const checking = { ...verified, trust: { ...verified.trust, integrity: 'checking' as const } }
    const store = createTineStore()
    store.getState().beginRunLoad(RUN)
    store.getState().finishRunLoad(checking)
    store.getState().settleRunTrust({ ...checking, size: checking.size + 1 }, verified.trust)
    expect(store.getState().openRun?.trust.integrity).toBe('checking')
    store.getState().settleRunTrust(checking, verified.trust)
    const settled = store.getState().openRun
    expect(settled?.trust).toEqual(verified.trust)
    expect(settled?.steps).toBe(checking.steps)
    store.getState().settleRunTrust(checking, { ...verified.trust, integrity: 'mismatch' })
    expect(store.getState().openRun).toBe(settled)
  })
})
