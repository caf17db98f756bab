// @vitest-environment jsdom
/**
 * A run that failed its integrity check, in the app: every write waits for the user's one explicit
 * confirmation in its dialog (menu, buttons and shortcuts alike), and only then sends the override.
 * Real service, real files: the written run records the override and its banner says so.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tineStore } from '../../src-renderer/store/store'
import { settle, startHarness, writeTamperedCopy, type Harness } from './support/actions-harness'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

function press(key: string) {
  fireEvent.keyDown(window, { key })
}

async function selectStep(index: number): Promise<string> {
  const stepId = tineStore.getState().openRun!.steps[index].id
  await act(async () => {
    tineStore.getState().selectStep(stepId)
    tineStore.getState().setSidePanel('step')
  })
  return stepId
}

function writes(api: Harness['api']) {
  return api.calls.filter((call) =>
    ['runs.fork', 'runs.setStatus', 'agents.control', 'agents.continue'].includes(call.channel)
  )
}

/** A tampered copy that still says "running", so P means pause. */
function writeRunningTamperedCopy(source: string, target: string): void {
  writeTamperedCopy(source, target)
  const raw = JSON.parse(readFileSync(target, 'utf8'))
  raw.status = 'running'
  writeFileSync(target, JSON.stringify(raw, null, 2))
}

describe('writing a file that failed its integrity check', () => {
  it('the fork dialog forks it only after the explicit confirmation, and the fork says so', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeTamperedCopy(path.join(runsDir, 'research-agent.tine'), path.join(runsDir, 'tampered.tine'))
    })
    const source = harness.file('tampered.tine')
    const sourceBytes = readFileSync(source)
    await harness.open('tampered.tine')
    const run = tineStore.getState().openRun!
    expect(run.trust.integrity).toBe('mismatch')
    expect(screen.getByTestId('read-only-notice').textContent).toMatch(/ask you to confirm/)
    const stepId = await selectStep(3)

    fireEvent.click(screen.getByTestId('step-branch'))
    const dialog = screen.getByTestId('fork-dialog')
    expect(within(dialog).getByTestId('integrity-override').textContent).toMatch(
      /failed its integrity check \(digest mismatch\)/
    )
    const confirm = within(dialog).getByTestId('fork-confirm') as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    // Enter submits the form, but not past the unticked confirmation.
    fireEvent.submit(dialog)
    await settle()
    expect(harness.api.requests('runs.fork')).toEqual([])

    const before = readdirSync(harness.runsDir)
    fireEvent.click(within(dialog).getByTestId('integrity-override-confirm'))
    expect(confirm.disabled).toBe(false)
    await act(async () => {
      fireEvent.click(confirm)
    })
    await waitFor(() => expect(screen.queryByTestId('fork-dialog')).toBeNull(), { timeout: 5000 })

    expect(harness.api.requests('runs.fork')).toEqual([
      { file: source, stepId, mode: 'after', overrideIntegrity: true }
    ])
    const created = readdirSync(harness.runsDir).filter((name) => !before.includes(name))
    expect(created).toHaveLength(1)
    const forkFile = path.join(harness.runsDir, created[0])
    const written = JSON.parse(readFileSync(forkFile, 'utf8'))
    expect(written.metadata.warnings).toEqual([
      { kind: 'integrity-override', action: 'fork', reason: 'digest mismatch', source_run: run.runId }
    ])
    expect(readFileSync(source).equals(sourceBytes)).toBe(true)
    await waitFor(() => expect(tineStore.getState().openRun?.file).toBe(forkFile))
    const warning = screen.getAllByTestId('trust-warning').find((line) => line.dataset.state === 'integrity-override')
    expect(warning?.textContent).toBe('forked from a file that failed its integrity check (digest mismatch)')
  })

  it('R and B open the confirming dialog; P asks before pausing and never writes silently', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeRunningTamperedCopy(path.join(runsDir, 'research-agent.tine'), path.join(runsDir, 'tampered.tine'))
    })
    const file = harness.file('tampered.tine')
    const bytes = readFileSync(file)
    await harness.open('tampered.tine')
    expect(tineStore.getState().openRun!.status).toBe('running')
    await selectStep(4)

    for (const key of ['r', 'b']) {
      press(key)
      expect(screen.getByTestId('fork-dialog')).toBeTruthy()
      expect((screen.getByTestId('fork-confirm') as HTMLButtonElement).disabled).toBe(true)
      press('Escape')
      expect(screen.queryByTestId('fork-dialog')).toBeNull()
    }

    press('p')
    await settle(50)
    const ask = screen.getByTestId('integrity-confirm-dialog')
    expect(writes(harness.api)).toEqual([])
    expect(readFileSync(file).equals(bytes)).toBe(true)
    const pause = within(ask).getByTestId('integrity-confirm-submit') as HTMLButtonElement
    expect(pause.disabled).toBe(true)
    fireEvent.submit(ask)
    await settle(50)
    expect(writes(harness.api)).toEqual([])

    fireEvent.click(within(ask).getByTestId('integrity-override-confirm'))
    await act(async () => {
      fireEvent.click(pause)
    })
    await waitFor(() => expect(screen.queryByTestId('integrity-confirm-dialog')).toBeNull(), { timeout: 5000 })
    expect(harness.api.requests('runs.setStatus')).toMatchObject([{ file, status: 'paused', overrideIntegrity: true }])
    const written = JSON.parse(readFileSync(file, 'utf8'))
    expect(written.status).toBe('paused')
    expect(written.metadata.warnings).toMatchObject([{ kind: 'integrity-override', action: 'pause' }])
  })

  it('P on a tampered paused run opens the Continue form, which asks for the confirmation, instead of resuming', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeTamperedCopy(path.join(runsDir, 'refactor-paused.tine'), path.join(runsDir, 'tampered.tine'))
    })
    await harness.open('tampered.tine')
    await selectStep(2)
    press('p')
    await waitFor(() => expect(screen.getByTestId('continue-dialog')).toBeTruthy())
    await waitFor(() => expect(screen.getByTestId('integrity-override')).toBeTruthy(), { timeout: 5000 })
    expect((screen.getByTestId('new-run-start') as HTMLButtonElement).disabled).toBe(true)
    expect(writes(harness.api)).toEqual([])
  })
})
