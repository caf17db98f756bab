// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { tineStore } from '../../src-renderer/store/store'
import { runOracle } from '../kit/oracle'
import { settle, startHarness, type Harness } from './support/actions-harness'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

async function openForkDialog(mode: 'retry' | 'branch', stepId: string) {
  await act(async () => {
    tineStore.getState().selectStep(stepId)
    tineStore.getState().setSidePanel('step')
  })
  fireEvent.click(screen.getByTestId(mode === 'retry' ? 'step-retry' : 'step-branch'))
  return screen.getByTestId('fork-dialog')
}

function newFiles(runsDir: string, before: string[]): string[] {
  return readdirSync(runsDir).filter((name) => !before.includes(name))
}

describe('fork dialog', () => {
  it('retries a step: sends the request, writes a valid fork, leaves the source alone, opens it on the fork point', async () => {
    harness = await startHarness()
    const source = harness.file('research-agent.tine')
    const sourceBytes = readFileSync(source)
    await harness.open('research-agent.tine')
    const run = tineStore.getState().openRun!
    const step = run.steps[5]
    const before = readdirSync(harness.runsDir)

    const dialog = await openForkDialog('retry', step.id)
    expect(within(dialog).getByRole('heading').textContent).toBe('Retry this step')
    fireEvent.change(within(dialog).getByTestId('fork-branch'), { target: { value: 'retry-search' } })
    fireEvent.change(within(dialog).getByTestId('fork-reason'), {
      target: { value: 'the search returned stale results' }
    })
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('fork-confirm'))
    })
    await waitFor(() => expect(screen.queryByTestId('fork-dialog')).toBeNull(), { timeout: 5000 })

    expect(harness.api.requests('runs.fork')).toEqual([
      {
        file: source,
        stepId: step.id,
        mode: 'before',
        branch: 'retry-search',
        reason: 'the search returned stale results'
      }
    ])
    const created = newFiles(harness.runsDir, before)
    expect(created).toHaveLength(1)
    const forkFile = path.join(harness.runsDir, created[0])
    expect(runOracle([forkFile]).status).toBe(0)
    expect(readFileSync(source).equals(sourceBytes)).toBe(true)

    const fork = loadRunFromBytes(readFileSync(forkFile))
    const parent = step.parentIds[step.parentIds.length - 1]
    // Retry: the step's parent is the new tip; the step itself is not kept.
    expect(fork.hasStep(step.id)).toBe(false)
    expect(fork.refs['retry-search']).toBe(parent)
    expect(fork.metadata.forked_from).toBe(run.runId)

    await waitFor(() => expect(tineStore.getState().openFile).toBe(forkFile))
    await waitFor(() => expect(tineStore.getState().openRun?.runId).toBe(fork.id))
    expect(tineStore.getState().selectedStepId).toBe(parent)
    expect(tineStore.getState().openRun!.forkReason).toBe('the search returned stale results')
    expect(screen.getByTestId('step-inspector').dataset.stepId).toBe(parent)
  })

  it('branches after a step twice: two distinct files, each keeping the step', async () => {
    harness = await startHarness()
    const source = harness.file('research-agent.tine')
    const sourceBytes = readFileSync(source)
    await harness.open('research-agent.tine')
    const step = tineStore.getState().openRun!.steps[3]
    const before = readdirSync(harness.runsDir)
    for (let time = 0; time < 2; time++) {
      if (time > 0) await harness.open('research-agent.tine')
      const dialog = await openForkDialog('branch', step.id)
      expect(within(dialog).getByRole('heading').textContent).toBe('Branch after this step')
      await act(async () => {
        fireEvent.submit(dialog)
      })
      await waitFor(() => expect(screen.queryByTestId('fork-dialog')).toBeNull(), { timeout: 5000 })
    }
    expect(harness.api.requests('runs.fork')).toEqual([
      { file: source, stepId: step.id, mode: 'after' },
      { file: source, stepId: step.id, mode: 'after' }
    ])
    const created = newFiles(harness.runsDir, before)
    expect(created).toHaveLength(2)
    const ids = created.map((name) => loadRunFromBytes(readFileSync(path.join(harness!.runsDir, name))))
    expect(ids[0].id).not.toBe(ids[1].id)
    for (const fork of ids) {
      expect(fork.hasStep(step.id)).toBe(true)
      expect(fork.refs.main).toBe(step.id)
    }
    expect(readFileSync(source).equals(sourceBytes)).toBe(true)
  })

  it('refuses a branch name with spaces before sending, and shows a refusal from the main side', async () => {
    harness = await startHarness()
    await harness.open('research-agent.tine')
    const run = tineStore.getState().openRun!
    const dialog = await openForkDialog('branch', run.steps[2].id)
    fireEvent.change(within(dialog).getByTestId('fork-branch'), { target: { value: 'two words' } })
    expect((within(dialog).getByTestId('fork-confirm') as HTMLButtonElement).disabled).toBe(true)
    expect(dialog.textContent).toContain('cannot contain spaces')
    fireEvent.submit(dialog)
    await settle()
    expect(harness.api.requests('runs.fork')).toEqual([])

    // A step the file no longer has: the main side refuses and the dialog says why.
    await act(async () => tineStore.getState().openForkDialog('0'.repeat(64), 'after'))
    await act(async () => {
      fireEvent.click(screen.getByTestId('fork-confirm'))
    })
    await waitFor(() => expect(screen.getByTestId('fork-error').textContent).toMatch(/Could not fork: .+/))
    expect(screen.getByTestId('fork-dialog')).toBeTruthy()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('fork-dialog')).toBeNull()
  })
})
