// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { serializeRun } from '../../src-shared/run/save'
import { obj } from '../../src-shared/tine/json-value'
import { tineStore } from '../../src-renderer/store/store'
import { runOracle } from '../kit/oracle'
import { settle, startHarness, type Harness } from './support/actions-harness'
import { loadRun, writeRun } from '../kit/run-files'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

/** Another writer (an agent) appends one step to the file and saves it: the app's view is now stale. */
async function appendStepElsewhere(file: string): Promise<string> {
  const run = await loadRun(file)
  const step = run.addStep({
    kind: 'think',
    inputs: obj({ text: 'written by another process' }),
    timestamp: 1_900_000_000
  })
  // A different mtime even on coarse clocks: the size changes anyway.
  await writeRun(file, run)
  return step.id
}

/** Pause is offered only while a run is running: the example is re-saved (with a valid digest) as one still running. */
function markRunning(runsDir: string): void {
  const file = path.join(runsDir, 'research-agent.tine')
  const run = loadRunFromBytes(readFileSync(file))
  run.status = 'running'
  writeFileSync(file, serializeRun(run))
}

function statusOnDisk(file: string): { status: string; steps: number; has(id: string): boolean } {
  const run = loadRunFromBytes(readFileSync(file))
  return { status: run.status, steps: run.order.length, has: (id) => run.hasStep(id) }
}

async function clickRunButton(testid: string) {
  fireEvent.click(screen.getByTestId('tab-run'))
  await act(async () => {
    fireEvent.click(screen.getByTestId(testid))
  })
}

describe('pause / resume', () => {
  it('pauses a running run, sending what was loaded; Resume of a run not started here opens the Continue form', async () => {
    harness = await startHarness({ pushes: false, prepare: markRunning })
    const file = harness.file('research-agent.tine')
    await harness.open('research-agent.tine')
    const loaded = tineStore.getState().openRun!
    await clickRunButton('run-pause')
    await waitFor(() => expect(tineStore.getState().openRun?.status).toBe('paused'), { timeout: 20_000 })
    expect(harness.api.requests('runs.setStatus')).toEqual([
      { file, status: 'paused', expected: { mtimeMs: loaded.mtimeMs, size: loaded.size } }
    ])
    expect(statusOnDisk(file).status).toBe('paused')
    expect(runOracle([file]).status).toBe(0)

    // Resume continues the agent; a run this machine did not start opens the Continue form instead of rewriting its status.
    expect(screen.queryByTestId('run-pause')).toBeNull()
    await clickRunButton('run-resume')
    await screen.findByTestId('continue-dialog', {}, { timeout: 20_000 })
    expect(harness.api.requests('agents.control')).toEqual([{ file, action: 'resume' }])
    expect(harness.api.requests('runs.setStatus')).toHaveLength(1)
    expect(statusOnDisk(file).status).toBe('paused')
  })

  it('asks when another writer changed the file; Cancel writes nothing, Reload shows their step', async () => {
    harness = await startHarness({ pushes: false, prepare: markRunning })
    const file = harness.file('research-agent.tine')
    await harness.open('research-agent.tine')
    const theirs = await appendStepElsewhere(file)
    const bytesAfterTheirWrite = readFileSync(file)

    await clickRunButton('run-pause')
    const dialog = await screen.findByTestId('conflict-dialog', {}, { timeout: 5000 })
    expect(within(dialog).getByTestId('conflict-summary').textContent).toMatch(/1 step added by another writer \(/)
    expect(within(dialog).getByTestId('conflict-added').textContent).toContain(theirs.slice(0, 8))
    fireEvent.click(within(dialog).getByTestId('conflict-cancel'))
    expect(screen.queryByTestId('conflict-dialog')).toBeNull()
    await settle()
    expect(readFileSync(file).equals(bytesAfterTheirWrite)).toBe(true)
    expect(tineStore.getState().openRun!.steps.some((step) => step.id === theirs)).toBe(false)

    await clickRunButton('run-pause')
    await screen.findByTestId('conflict-dialog', {}, { timeout: 5000 })
    await act(async () => {
      fireEvent.click(screen.getByTestId('conflict-reload'))
    })
    await waitFor(() => expect(tineStore.getState().openRun!.steps.some((step) => step.id === theirs)).toBe(true), {
      timeout: 5000
    })
    expect(screen.queryByTestId('conflict-dialog')).toBeNull()
    expect(readFileSync(file).equals(bytesAfterTheirWrite)).toBe(true)

    // With the fresh view the pause goes through, and their step is still there.
    await clickRunButton('run-pause')
    await waitFor(() => expect(statusOnDisk(file).status).toBe('paused'), { timeout: 5000 })
    expect(statusOnDisk(file).has(theirs)).toBe(true)
    expect(screen.queryByTestId('conflict-dialog')).toBeNull()
  })

  it('"Write anyway" sets the status on the disk version: the other writer\'s step survives', async () => {
    harness = await startHarness({ pushes: false, prepare: markRunning })
    const file = harness.file('research-agent.tine')
    await harness.open('research-agent.tine')
    const stepsLoaded = tineStore.getState().openRun!.steps.length
    const theirs = await appendStepElsewhere(file)

    // From the node menu this time.
    await act(async () => tineStore.getState().selectStep(tineStore.getState().openRun!.steps[2].id))
    fireEvent.click(screen.getByTestId('step-actions'))
    await act(async () => {
      fireEvent.click(screen.getByTestId('menu-pause'))
    })
    const dialog = await screen.findByTestId('conflict-dialog', {}, { timeout: 5000 })
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('conflict-overwrite'))
    })
    await waitFor(() => expect(screen.queryByTestId('conflict-dialog')).toBeNull(), { timeout: 5000 })
    const disk = statusOnDisk(file)
    expect(disk.status).toBe('paused')
    expect(disk.has(theirs)).toBe(true)
    expect(disk.steps).toBe(stepsLoaded + 1)
    expect(runOracle([file]).status).toBe(0)
    const requests = harness.api.requests('runs.setStatus')
    expect(requests).toHaveLength(2)
    expect(requests[0].overwriteChanges).toBeUndefined()
    expect(requests[1].overwriteChanges).toBe(true)
    await waitFor(() => expect(tineStore.getState().openRun!.status).toBe('paused'))
  })
})
