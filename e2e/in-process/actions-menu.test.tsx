// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { stepMenuItems } from '../../src-renderer/actions/capabilities'
import { tineStore } from '../../src-renderer/store/store'
import { settle, startHarness, writeTamperedCopy, type Harness } from './support/actions-harness'
import { EXAMPLES_DIR, loadView } from '../kit/run-files'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

function stepOf(predicate: (parents: number) => boolean): string {
  const run = tineStore.getState().openRun!
  return run.steps.find((step) => predicate(step.parentIds.length))!.id
}

async function openMenuFor(stepId: string) {
  await act(async () => {
    tineStore.getState().selectStep(stepId)
    tineStore.getState().setSidePanel('step')
  })
  fireEvent.click(screen.getByTestId('step-actions'))
  return screen.getByTestId('step-menu')
}

function itemIds(menu: HTMLElement): string[] {
  return within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.dataset.testid!)
}

describe('step menu items follow the run state', () => {
  it('computes the items from the view: writes only when writable, retry disabled on a root step', () => {
    const completed = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
    const root = completed.steps.find((step) => step.parentIds.length === 0)!.id
    const later = completed.steps.find((step) => step.parentIds.length > 0)!.id
    // A completed or failed run offers neither Pause nor Resume; a running one Pause; a cancelled one only Continue.
    expect(stepMenuItems(completed, later, false).map((item) => item.id)).toEqual([
      'retry',
      'branch',
      'edit',
      'compare'
    ])
    expect(stepMenuItems({ ...completed, status: 'failed' }, later, false).map((item) => item.id)).toEqual([
      'retry',
      'branch',
      'edit',
      'compare'
    ])
    expect(stepMenuItems({ ...completed, status: 'running' }, later, false).map((item) => item.id)).toEqual([
      'retry',
      'branch',
      'edit',
      'pause',
      'compare'
    ])
    expect(stepMenuItems(completed, root, false).find((item) => item.id === 'retry')!.disabledReason).toMatch(
      /root step/
    )
    expect(stepMenuItems(completed, later, true).map((item) => item.id)).toEqual(['compare'])
    const paused = loadView(path.join(EXAMPLES_DIR, 'refactor-paused.tine'))
    expect(stepMenuItems(paused, paused.steps[1].id, false).map((item) => item.id)).toEqual([
      'retry',
      'branch',
      'edit',
      'resume',
      'continue',
      'compare'
    ])
    expect(stepMenuItems({ ...paused, cancelled: true }, paused.steps[1].id, false).map((item) => item.id)).toEqual([
      'retry',
      'branch',
      'edit',
      'continue',
      'compare'
    ])
    // What the agent is doing decides first: a run it executes offers Pause, one it is pausing nothing.
    const agent = { file: paused.file, runId: paused.runId, stepCount: 1, activity: null, error: null }
    expect(
      stepMenuItems(paused, paused.steps[1].id, false, { ...agent, state: 'running' }).map((item) => item.id)
    ).toEqual(['retry', 'branch', 'edit', 'pause', 'compare'])
    expect(
      stepMenuItems(paused, paused.steps[1].id, false, { ...agent, state: 'pausing' }).map((item) => item.id)
    ).toEqual(['retry', 'branch', 'edit', 'compare'])
    const readOnly = { ...completed, trust: { ...completed.trust, readOnlyReason: 'a dropped copy' } }
    expect(stepMenuItems(readOnly, later, false).map((item) => item.id)).toEqual(['compare'])
    // A failed integrity check: the write actions are offered, each behind its dialog's confirmation.
    const tampered = {
      ...completed,
      trust: { ...completed.trust, integrity: 'mismatch', readOnlyReason: 'integrity check failed (digest mismatch)' }
    } as typeof completed
    expect(stepMenuItems(tampered, later, false).map((item) => item.id)).toEqual(['retry', 'branch', 'edit', 'compare'])
    expect(stepMenuItems(tampered, later, true).map((item) => item.id)).toEqual(['compare'])
  })

  it('offers retry, branch, edit and compare on a completed run (no pause), with their shortcuts, and closes on Escape', async () => {
    harness = await startHarness()
    await harness.open('research-agent.tine')
    const menu = await openMenuFor(stepOf((parents) => parents > 0))
    expect(itemIds(menu)).toEqual(['menu-retry', 'menu-retry-changes', 'menu-branch', 'menu-edit', 'menu-compare'])
    expect(within(menu).getByTestId('menu-retry').textContent).toContain('R')
    expect(within(menu).getByTestId('menu-branch').getAttribute('title')).toBe('Branch after this step (B)')
    expect(within(menu).getByTestId('menu-edit').getAttribute('title')).toBe('Edit before continuing…')
    expect(within(menu).getByTestId('menu-compare').getAttribute('title')).toMatch(/\(D\)$/)
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('step-menu')).toBeNull()
  })

  it('disables retry on a root step and offers resume on a paused run', async () => {
    harness = await startHarness()
    await harness.open('refactor-paused.tine')
    const menu = await openMenuFor(stepOf((parents) => parents === 0))
    expect(itemIds(menu)).toEqual([
      'menu-retry',
      'menu-retry-changes',
      'menu-branch',
      'menu-edit',
      'menu-resume',
      'menu-continue',
      'menu-compare'
    ])
    expect((within(menu).getByTestId('menu-retry') as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByTestId('step-retry') as HTMLButtonElement).disabled).toBe(true)
  })

  it('choosing "Branch after this step" opens the fork dialog for that step', async () => {
    harness = await startHarness()
    await harness.open('research-agent.tine')
    const stepId = stepOf((parents) => parents > 0)
    const menu = await openMenuFor(stepId)
    fireEvent.click(within(menu).getByTestId('menu-branch'))
    expect(screen.queryByTestId('step-menu')).toBeNull()
    const dialog = screen.getByTestId('fork-dialog')
    expect(dialog.dataset.mode).toBe('after')
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'after' })
  })

  it('on a tampered run offers the write actions behind a confirmation, says why, and the store never writes without it', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeTamperedCopy(path.join(runsDir, 'research-agent.tine'), path.join(runsDir, 'tampered.tine'))
    })
    await harness.open('tampered.tine')
    expect(tineStore.getState().openRun!.trust.readOnlyReason).toMatch(/integrity/)
    const menu = await openMenuFor(stepOf((parents) => parents > 0))
    expect(itemIds(menu)).toEqual(['menu-retry', 'menu-retry-changes', 'menu-branch', 'menu-edit', 'menu-compare'])
    expect(within(menu).getByTestId('menu-read-only').textContent).toMatch(/each write asks you to confirm/)
    expect(screen.getByTestId('step-retry')).toBeTruthy()
    expect(screen.getByTestId('read-only-notice').textContent).toMatch(/Read-only\..*integrity.*confirm first/)
    fireEvent.keyDown(window, { key: 'Escape' })
    fireEvent.click(screen.getByTestId('tab-run'))
    await settle()
    expect(screen.queryByTestId('run-pause')).toBeNull()
    expect(screen.queryByTestId('run-resume')).toBeNull()
    expect(screen.getByTestId('run-compare')).toBeTruthy()
    expect(screen.getByTestId('run-integrity-failed').textContent).toMatch(/digest mismatch/)
    // The store's actions refuse without the confirmation too, without asking the main side.
    const before = harness.api.calls.length
    await act(() => harness!.calls.setRunStatus('paused'))
    expect(await act(() => harness!.calls.forkStep({ stepId: stepOf((parents) => parents > 0), mode: 'after' }))).toBe(
      false
    )
    expect(
      harness.api.calls
        .slice(before)
        .filter((call) => call.channel === 'runs.setStatus' || call.channel === 'runs.fork')
    ).toEqual([])
  })
})
