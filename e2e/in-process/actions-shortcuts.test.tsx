// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tineStore } from '../../src-renderer/store/store'
import { settle, startHarness, writeTamperedCopy, type Harness } from './support/actions-harness'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

function press(key: string, init: KeyboardEventInit = {}, target: Element | Window = window) {
  fireEvent.keyDown(target, { key, ...init })
}

/** Records comparisons instead of opening the diff view (which another part of the app draws). */
function spyOnCompare(): Array<[string, string]> {
  const opened: Array<[string, string]> = []
  tineStore.setState({ openDiff: (a: string, b: string) => opened.push([a, b]) } as never)
  return opened
}

async function selectStep(index: number): Promise<string> {
  const stepId = tineStore.getState().openRun!.steps[index].id
  await act(async () => tineStore.getState().selectStep(stepId))
  return stepId
}

describe('keyboard shortcuts', () => {
  it('R retries and B branches the selected step; Escape closes; keys typed in a field do nothing', async () => {
    harness = await startHarness()
    await harness.open('research-agent.tine')
    press('r')
    expect(tineStore.getState().forkDialog).toBeNull()
    const stepId = await selectStep(4)
    press('r')
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'before' })
    expect(screen.getByTestId('fork-dialog').dataset.mode).toBe('before')
    // Typing in the dialog's fields is text, not shortcuts.
    press('b', {}, screen.getByTestId('fork-branch'))
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'before' })
    press('Escape', {}, screen.getByTestId('fork-branch'))
    expect(screen.queryByTestId('fork-dialog')).toBeNull()
    press('B')
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'after' })
    press('Escape')
    press('b', { ctrlKey: true })
    expect(tineStore.getState().forkDialog).toBeNull()
    press('r', {}, screen.getByTestId('run-search'))
    expect(tineStore.getState().forkDialog).toBeNull()
  })

  it('R does nothing on a root step; P does nothing on a completed run; D compares a fork with its origin', async () => {
    harness = await startHarness()
    const opened = spyOnCompare()
    await harness.open('research-agent-retry.tine')
    const root = tineStore.getState().openRun!.steps.find((step) => step.parentIds.length === 0)!.id
    await act(async () => tineStore.getState().selectStep(root))
    press('r')
    expect(tineStore.getState().forkDialog).toBeNull()

    press('d')
    expect(opened).toEqual([[harness.file('research-agent.tine'), harness.file('research-agent-retry.tine')]])

    // A completed run is continued by forking: P neither pauses nor resumes it.
    const file = harness.file('research-agent-retry.tine')
    const before = readFileSync(file)
    press('p')
    await settle(100)
    expect(harness.api.requests('runs.setStatus')).toHaveLength(0)
    expect(harness.api.requests('agents.control')).toHaveLength(0)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('D on a run with no relative opens the "Compare with…" chooser', async () => {
    harness = await startHarness()
    const opened = spyOnCompare()
    await harness.open('incident-merge.tine')
    press('d')
    const chooser = screen.getByTestId('compare-dialog')
    const pick = chooser.querySelector<HTMLButtonElement>('[data-testid^="compare-pick-"]')!
    expect(pick).toBeTruthy()
    fireEvent.click(pick)
    expect(opened).toHaveLength(1)
    expect(opened[0]).toContain(harness.file('incident-merge.tine'))
    expect(screen.queryByTestId('compare-dialog')).toBeNull()
  })

  it('R, B and P write nothing on a tampered run without the confirmation their dialogs ask for', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeTamperedCopy(path.join(runsDir, 'refactor-paused.tine'), path.join(runsDir, 'tampered.tine'))
    })
    await harness.open('tampered.tine')
    const stepId = await selectStep(3)
    press('r')
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'before' })
    expect(screen.getByTestId('integrity-override')).toBeTruthy()
    press('Escape')
    press('b')
    expect(tineStore.getState().forkDialog).toEqual({ stepId, mode: 'after' })
    press('Escape')
    press('p')
    await settle()
    expect(tineStore.getState().continueDialog?.file).toBe(harness.file('tampered.tine'))
    expect(
      harness.api.calls.filter((call) => call.channel === 'runs.setStatus' || call.channel === 'runs.fork')
    ).toEqual([])
  })
})
