// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Run } from '../src-shared/run/run'
import { serializeRun } from '../src-shared/run/save'
import { fromPlain, obj } from '../src-shared/tine/json-value'
import { connectPushEvents } from './api/events'
import { App } from './App'
import { connectClient } from './testing/connect-client'
import { tineStore } from './store/store'
import { GUI_RUNS } from '../e2e/kit/run-files'
import { FakeApi } from '../e2e/kit/fake-api'

const HOSTILE =
  '<img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> see [docs](https://example.com/docs)'
const initialState = tineStore.getState()
let dir: string

beforeEach(() => {
  tineStore.setState(initialState, true)
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-app-'))
  for (const name of ['demo-complete.tine', 'demo-failed.tine'])
    copyFileSync(path.join(GUI_RUNS, name), path.join(dir, name))
  const run = new Run({ id: 'hostile-run', createdAt: 1_900_000_000, modelInfo: 'test-model' })
  const step = run.addStep({ kind: 'done', id: 'hostile-step', inputs: obj({}), outputs: obj({ text: HOSTILE }) })
  run.transcript = [
    fromPlain({ role: 'user', content: 'go' }),
    fromPlain({ role: 'assistant', content: HOSTILE, step_id: step.id })
  ]
  writeFileSync(path.join(dir, 'hostile.tine'), serializeRun(run))
})

afterEach(() => {
  cleanup()
  delete document.body.dataset.ready
  rmSync(dir, { recursive: true, force: true })
})

async function renderApp() {
  const api = new FakeApi([dir])
  const { calls } = connectClient(api)
  connectPushEvents(api, tineStore, calls)
  render(<App />)
  await act(() => calls.loadFolders())
  return { api, calls }
}

describe('explorer app', () => {
  it('lists the runs, marks the body ready, and says what to do when nothing is open', async () => {
    await renderApp()
    expect(document.body.dataset.ready).toBe('true')
    expect(screen.getByTestId('run-row-hostile-run')).toBeTruthy()
    expect(screen.getAllByTestId(/^run-row-/)).toHaveLength(3)
    expect(screen.getByTestId('no-run').textContent).toMatch(/Choose a run/)
    cleanup()
    tineStore.setState(initialState, true)
    const empty = new FakeApi([])
    const emptyCalls = connectClient(empty).calls
    render(<App />)
    await act(() => emptyCalls.loadFolders())
    expect(screen.getByTestId('empty-state').textContent).toContain(
      'Open a folder with File > Open Folder, drop .tine files here, or run `tine ui <folder>`'
    )
    expect(screen.getByTestId('open-path-input')).toBeTruthy()
  })

  it("counts the background check in the folder's header until every row is checked", async () => {
    const { api } = await renderApp()
    const folder = path.resolve(dir)
    expect(screen.queryByTestId('verify-progress')).toBeNull()
    act(() => api.push({ kind: 'verify', folder, done: 1, total: 3, runs: [] }))
    expect(screen.getByTestId('verify-progress').textContent).toBe('checking 1/3')
    act(() => api.push({ kind: 'verify', folder, done: 3, total: 3, runs: [] }))
    expect(screen.queryByTestId('verify-progress')).toBeNull()
  })

  it('filters with the query grammar and shows why a query is malformed', async () => {
    await renderApp()
    const search = screen.getByTestId('run-search')
    fireEvent.change(search, { target: { value: 'status:failed' } })
    expect(screen.getAllByTestId(/^run-row-/).map((row) => row.dataset.testid)).toEqual([
      expect.stringMatching(/^run-row-/)
    ])
    expect(screen.getByTestId('run-search-count').textContent).toBe('1 of 3 runs match')
    fireEvent.change(search, { target: { value: 'cost:>>1' } })
    expect(screen.getByTestId('run-search-error').textContent).toMatch(/Query not understood: .*cost/)
    expect(screen.getAllByTestId(/^run-row-/)).toHaveLength(3)
  })

  it('navigates the list with the keyboard: / focuses search, arrows move, Enter opens', async () => {
    await renderApp()
    fireEvent.keyDown(window, { key: '/' })
    const search = screen.getByTestId('run-search')
    expect(document.activeElement).toBe(search)
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    const first = screen.getAllByTestId(/^run-row-/)[0]
    expect(first.className).toContain('cursor')
    await act(async () => {
      fireEvent.keyDown(search, { key: 'Enter' })
      await new Promise((resolve) => setTimeout(resolve, 20))
    })
    expect(tineStore.getState().openFile).toBe(first.dataset.file)
    await waitFor(() => expect(screen.getByTestId('run-header')).toBeTruthy())
  })

  it('shows hostile step text as text, runs nothing, and asks before opening its link', async () => {
    const { calls } = await renderApp()
    await act(() => calls.openRun(path.join(dir, 'hostile.tine')))
    await act(async () => {
      tineStore.getState().selectStep('hostile-step')
      await new Promise((resolve) => setTimeout(resolve, 20))
    })
    const inspector = await screen.findByTestId('step-inspector')
    await waitFor(() => expect(inspector.querySelector('.markdown')).not.toBeNull())
    expect(inspector.textContent).toContain('<img src=x onerror="window.__pwned=1">')
    expect(inspector.textContent).toContain('<script>window.__pwned=2</script>')
    expect(document.querySelector('.markdown img, .markdown script, [onerror]')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()

    const link = within(inspector).getByText('docs')
    fireEvent.click(link)
    const dialog = screen.getByTestId('link-confirm')
    expect(dialog.textContent).toContain('https://example.com/docs')
    fireEvent.click(within(dialog).getByText('Cancel'))
    expect(screen.queryByTestId('link-confirm')).toBeNull()
  })

  it('selects a step from its transcript turn and shows the run inspector', async () => {
    const { calls } = await renderApp()
    await act(() => calls.openRun(path.join(dir, 'hostile.tine')))
    fireEvent.click(screen.getByTestId('tab-transcript'))
    const transcript = screen.getByTestId('transcript')
    expect(transcript.textContent).toContain('<script>window.__pwned=2</script>')
    fireEvent.click(within(transcript).getByTestId('turn-1'))
    expect(tineStore.getState().selectedStepId).toBe('hostile-step')
    fireEvent.click(screen.getByTestId('tab-run'))
    const runInspector = screen.getByTestId('run-inspector')
    expect(runInspector.textContent).toContain('hostile-run')
    expect(runInspector.textContent).toContain('test-model')
    expect(runInspector.textContent).toContain('format_version 2')
  })
})
