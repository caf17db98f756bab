// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-shared/api/api-error'
import { DEFAULT_SYSTEM_PROMPT, runsDirOf, startFolderOf } from './new-run-form'
import { tineStore } from '../store/store'
import {
  agentView,
  CATALOG,
  settle,
  startAgentHarness,
  writeAgentRun,
  type AgentHarness
} from '../testing/agents-harness'

let harness: AgentHarness | null = null
afterEach(() => {
  harness?.dispose()
  harness = null
})

async function openDialog(): Promise<HTMLElement> {
  fireEvent.click(screen.getByTestId('new-run'))
  const dialog = screen.getByTestId('new-run-dialog')
  // The catalog is asked for each time the dialog opens.
  await waitFor(() => expect(within(dialog).getByTestId('new-run-provider')).toBeTruthy())
  return dialog
}

function type(dialog: HTMLElement, testId: string, value: string) {
  fireEvent.change(within(dialog).getByTestId(testId), { target: { value } })
}

describe('New run dialog', () => {
  it('opens with Ctrl+Shift+N and closes with Escape', async () => {
    harness = await startAgentHarness()
    await act(async () => {
      fireEvent.keyDown(window, { key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true })
    })
    expect(screen.getByTestId('new-run-dialog')).toBeTruthy()
    await settle()
    // Escape inside the dialog (focus is in the prompt) and outside it both close it.
    fireEvent.keyDown(screen.getByTestId('new-run-prompt'), { key: 'Escape' })
    expect(screen.queryByTestId('new-run-dialog')).toBeNull()
    await act(async () => {
      fireEvent.keyDown(window, { key: 'N', code: 'KeyN', metaKey: true, shiftKey: true })
    })
    expect(screen.getByTestId('new-run-dialog')).toBeTruthy()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('new-run-dialog')).toBeNull()
    // A plain N (no modifier) is not the shortcut.
    fireEvent.keyDown(window, { key: 'n', code: 'KeyN' })
    expect(screen.queryByTestId('new-run-dialog')).toBeNull()
  })

  it('refuses to start without a prompt or with a bad budget, and says why', async () => {
    harness = await startAgentHarness()
    const dialog = await openDialog()
    fireEvent.click(within(dialog).getByTestId('new-run-start'))
    expect(within(dialog).getByTestId('new-run-prompt-problem').textContent).toMatch(/what the agent should do/)
    expect((within(dialog).getByTestId('new-run-start') as HTMLButtonElement).disabled).toBe(true)

    type(dialog, 'new-run-prompt', 'Look around.')
    type(dialog, 'new-run-max-steps', '2.5')
    type(dialog, 'new-run-max-cost', '-1')
    expect(within(dialog).getByTestId('new-run-max-steps-problem').textContent).toMatch(/whole number/)
    expect(within(dialog).getByTestId('new-run-max-cost-problem').textContent).toMatch(/above 0/)
    type(dialog, 'new-run-model', '')
    expect(within(dialog).getByTestId('new-run-model-problem')).toBeTruthy()
    fireEvent.click(within(dialog).getByTestId('new-run-start'))
    expect(harness.api.requests('agents.start')).toEqual([])

    type(dialog, 'new-run-model', 'claude-test-1')
    type(dialog, 'new-run-max-steps', '0')
    expect(within(dialog).getByTestId('new-run-max-steps-problem')).toBeTruthy()
    type(dialog, 'new-run-max-steps', '')
    type(dialog, 'new-run-max-cost', '')
    expect(within(dialog).queryByTestId('new-run-max-steps-problem')).toBeNull()
    expect((within(dialog).getByTestId('new-run-start') as HTMLButtonElement).disabled).toBe(false)
  })

  it('sends exactly the request the form shows, then opens the new run with its agent bar', async () => {
    harness = await startAgentHarness()
    const file = harness.file('started.tine')
    harness.api.answers['agents.start'] = () => {
      writeAgentRun(file, 'started-run', 1, 'Count the files.')
      return { file, runId: 'started-run' }
    }
    const dialog = await openDialog()
    // Defaults: the first provider with a key, its first model, every read-only tool.
    expect((within(dialog).getByTestId('new-run-provider') as HTMLSelectElement).value).toBe('anthropic')
    expect((within(dialog).getByTestId('new-run-model') as HTMLInputElement).value).toBe('claude-test-1')
    expect((within(dialog).getByTestId('new-run-system') as HTMLTextAreaElement).value).toBe(DEFAULT_SYSTEM_PROMPT)
    for (const tool of CATALOG.tools)
      expect((within(dialog).getByTestId(`new-run-tool-${tool.name}`) as HTMLInputElement).checked).toBe(true)

    fireEvent.change(within(dialog).getByTestId('new-run-provider'), { target: { value: 'offline' } })
    expect((within(dialog).getByTestId('new-run-model') as HTMLInputElement).value).toBe('offline-scripted-1')
    type(dialog, 'new-run-system', 'Be brief.')
    type(dialog, 'new-run-prompt', 'Count the files.')
    fireEvent.click(within(dialog).getByTestId('new-run-tool-search_text'))
    expect((within(dialog).getByTestId('new-run-tool-root') as HTMLInputElement).value).toBe(harness.dir)
    type(dialog, 'new-run-tool-root', `${harness.dir}/docs `)
    type(dialog, 'new-run-max-steps', '12')
    type(dialog, 'new-run-max-cost', '0.5')
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('new-run-start'))
    })
    await waitFor(() => expect(screen.queryByTestId('new-run-dialog')).toBeNull())

    expect(harness.api.requests('agents.start')).toEqual([
      {
        folder: harness.dir,
        provider: 'offline',
        model: 'offline-scripted-1',
        systemPrompt: 'Be brief.',
        prompt: 'Count the files.',
        tools: ['list_files', 'read_file'],
        toolRoot: `${harness.dir}/docs`,
        budget: { maxSteps: 12, maxCost: 0.5 },
        // The offline model's default pace: time to press Pause.
        stepDelayMs: 1500
      }
    ])
    await waitFor(() => expect(tineStore.getState().openRun?.runId).toBe('started-run'))
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('starting')
    await harness.push(agentView(file, 'started-run', 'running', 1, 'calling list_files'))
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('running')
  })

  it('leaves out the budget and tool folder when none is asked for, and keeps the dialog open on a refusal', async () => {
    harness = await startAgentHarness()
    harness.api.answers['agents.start'] = () => {
      throw new ApiError('bad-request', 'the model offline-x is unknown')
    }
    const dialog = await openDialog()
    type(dialog, 'new-run-tool-root', ' ')
    fireEvent.click(within(dialog).getByTestId('new-run-start'))
    expect(within(dialog).getByTestId('new-run-tool-root-problem')).toBeTruthy()
    for (const tool of CATALOG.tools) fireEvent.click(within(dialog).getByTestId(`new-run-tool-${tool.name}`))
    // Without tools there is no tool folder to name.
    expect(within(dialog).queryByTestId('new-run-tool-root')).toBeNull()
    type(dialog, 'new-run-prompt', 'Hello')
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('new-run-start'))
    })
    await settle()
    expect(harness.api.requests('agents.start')).toEqual([
      {
        folder: harness.dir,
        provider: 'anthropic',
        model: 'claude-test-1',
        systemPrompt: DEFAULT_SYSTEM_PROMPT,
        prompt: 'Hello',
        tools: []
      }
    ])
    expect(screen.getByTestId('new-run-error').textContent).toContain('the model offline-x is unknown')
    expect(screen.getByTestId('new-run-dialog')).toBeTruthy()
    expect(tineStore.getState().openFile).toBeNull()
  })

  it('offers the API key form only where keys can be stored, and sends a key write-only', async () => {
    harness = await startAgentHarness()
    let dialog = await openDialog()
    expect(within(dialog).queryByTestId('open-secrets')).toBeNull()
    fireEvent.keyDown(window, { key: 'Escape' })

    harness.api.catalog = { ...CATALOG, canStoreSecrets: true }
    harness.api.answers['settings.setSecret'] = () => ({ ok: true })
    dialog = await openDialog()
    await waitFor(() => expect(within(dialog).getByTestId('open-secrets')).toBeTruthy())
    fireEvent.click(within(dialog).getByTestId('open-secrets'))
    const secrets = screen.getByTestId('secrets-dialog')
    expect((within(secrets).getByTestId('secret-value') as HTMLInputElement).type).toBe('password')
    fireEvent.change(within(secrets).getByTestId('secret-name'), { target: { value: 'OPENAI_API_KEY' } })
    fireEvent.change(within(secrets).getByTestId('secret-value'), { target: { value: '  sk-test-123  ' } })
    const catalogCalls = harness.api.requests('agents.catalog').length
    await act(async () => {
      fireEvent.click(within(secrets).getByTestId('secret-save'))
    })
    await waitFor(() => expect(within(secrets).getByTestId('secret-saved')).toBeTruthy())
    expect(harness.api.requests('settings.setSecret')).toEqual([{ name: 'OPENAI_API_KEY', value: 'sk-test-123' }])
    // The field is emptied and the catalog re-read (the providers follow the keys).
    expect((within(secrets).getByTestId('secret-value') as HTMLInputElement).value).toBe('')
    expect(harness.api.requests('agents.catalog').length).toBe(catalogCalls + 1)
    // Escape closes the top-most dialog first.
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('secrets-dialog')).toBeNull()
    expect(screen.getByTestId('new-run-dialog')).toBeTruthy()
  })
})

describe('the folder a new run is started in', () => {
  it('names an opened .tine_runs folder by its parent, so the run lands beside the others', () => {
    expect(startFolderOf('/work/project/.tine_runs')).toBe('/work/project')
    expect(startFolderOf('/work/project/.tine_runs/')).toBe('/work/project')
    expect(startFolderOf('C:\\runs\\.tine_runs')).toBe('C:\\runs')
    expect(startFolderOf('C:\\.tine_runs')).toBe('C:\\')
    expect(startFolderOf('/work/project')).toBe('/work/project')
    expect(startFolderOf('/work/my.tine_runs')).toBe('/work/my.tine_runs')
    expect(runsDirOf('/work/project/.tine_runs')).toBe('/work/project/.tine_runs')
    expect(runsDirOf('/work/project')).toBe('/work/project/.tine_runs')
    expect(runsDirOf('C:\\work')).toBe('C:\\work\\.tine_runs')
  })
})
