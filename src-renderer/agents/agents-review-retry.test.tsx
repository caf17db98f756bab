// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tineStore } from '../store/store'
import { agentView, settle, startAgentHarness, writeAgentRun, type AgentHarness } from '../testing/agents-harness'
import { EXAMPLES_DIR, writeTampered } from '../../e2e/kit/run-files'

let harness: AgentHarness | null = null
afterEach(() => {
  harness?.dispose()
  harness = null
})

describe('review panel', () => {
  it('appears only for a run that needs review and sends re-run, skip and an entered result', async () => {
    harness = await startAgentHarness((dir) => writeAgentRun(path.join(dir, 'parked.tine'), 'parked-run', 3))
    const file = harness.file('parked.tine')
    await act(() => harness!.calls.openRun(file))
    harness.api.answers['agents.review'] = ({ file: target }) => ({ file: target, runId: 'parked-run' })

    await harness.push(agentView(file, 'parked-run', 'running', 3))
    expect(screen.queryByTestId('review-panel')).toBeNull()

    const park = () => harness!.push(agentView(file, 'parked-run', 'needs-review', 3, 'send_email was interrupted'))
    await park()
    let panel = screen.getByTestId('review-panel')
    expect(panel.textContent).toContain('send_email was interrupted')
    expect((within(panel).getByTestId('review-result') as HTMLButtonElement).disabled).toBe(true)
    await act(async () => {
      fireEvent.click(within(panel).getByTestId('review-rerun'))
    })
    // The panel goes once decided; the run goes on.
    await waitFor(() => expect(screen.queryByTestId('review-panel')).toBeNull())
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('running')

    await park()
    await act(async () => {
      fireEvent.click(within(screen.getByTestId('review-panel')).getByTestId('review-skip'))
    })
    await waitFor(() => expect(screen.queryByTestId('review-panel')).toBeNull())

    await park()
    panel = screen.getByTestId('review-panel')
    fireEvent.change(within(panel).getByTestId('review-result-text'), { target: { value: '{"sent": true}' } })
    await act(async () => {
      fireEvent.click(within(panel).getByTestId('review-result'))
    })
    await waitFor(() => expect(screen.queryByTestId('review-panel')).toBeNull())

    expect(harness.api.requests('agents.review')).toEqual([
      { file, action: 'rerun' },
      { file, action: 'skip' },
      { file, action: 'result', result: '{"sent": true}' }
    ])
  })

  it('keeps the panel and shows why when the main side refuses', async () => {
    harness = await startAgentHarness((dir) => writeAgentRun(path.join(dir, 'parked.tine'), 'parked-run', 3))
    const file = harness.file('parked.tine')
    await act(() => harness!.calls.openRun(file))
    harness.api.answers['agents.review'] = () => {
      throw new Error('the run is not parked')
    }
    await harness.push(agentView(file, 'parked-run', 'needs-review', 3))
    await act(async () => {
      fireEvent.click(screen.getByTestId('review-skip'))
    })
    await waitFor(() => expect(screen.getByTestId('review-error').textContent).toContain('the run is not parked'))
    expect(screen.getByTestId('review-panel')).toBeTruthy()
  })
})

describe('retry this step with changes', () => {
  async function openMenu(stepId: string) {
    await act(async () => {
      tineStore.getState().selectStep(stepId)
      tineStore.getState().openStepMenu({ stepId, x: 10, y: 10 })
    })
    return screen.getByTestId('step-menu')
  }

  it('prefills the recorded prompt and sends only what changed, then opens the new run', async () => {
    harness = await startAgentHarness((dir) =>
      writeAgentRun(path.join(dir, 'source.tine'), 'source-run', 4, 'Summarise the folder.')
    )
    const source = harness.file('source.tine')
    const forked = harness.file('forked.tine')
    harness.api.answers['agents.retry'] = () => {
      writeAgentRun(forked, 'forked-run', 1, 'Summarise only the README.')
      return { file: forked, runId: 'forked-run' }
    }
    await act(() => harness!.calls.openRun(source))
    const first = tineStore.getState().openRun!.steps[0]

    const menu = await openMenu(first.id)
    fireEvent.click(within(menu).getByTestId('menu-retry-changes'))
    expect(screen.queryByTestId('step-menu')).toBeNull()
    const dialog = screen.getByTestId('retry-dialog')
    const prompt = within(dialog).getByTestId('retry-prompt') as HTMLTextAreaElement
    await waitFor(() => expect(prompt.value).toBe('Summarise the folder.'))
    expect(within(dialog).getByTestId('retry-unchanged')).toBeTruthy()

    fireEvent.change(prompt, { target: { value: 'Summarise only the README.' } })
    const model = within(dialog).getByTestId('retry-model') as HTMLSelectElement
    await waitFor(() => expect(model.options.length).toBe(4))
    fireEvent.change(model, { target: { value: JSON.stringify(['anthropic', 'claude-test-2']) } })
    expect(within(dialog).queryByTestId('retry-unchanged')).toBeNull()
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('retry-start'))
    })
    await waitFor(() => expect(screen.queryByTestId('retry-dialog')).toBeNull())

    expect(harness.api.requests('agents.retry')).toEqual([
      {
        file: source,
        stepId: first.id,
        changes: { prompt: 'Summarise only the README.', provider: 'anthropic', model: 'claude-test-2' }
      }
    ])
    await waitFor(() => expect(tineStore.getState().openRun?.runId).toBe('forked-run'))
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('starting')
  })

  it('sends an empty change set for an untouched form, and Escape closes the dialog', async () => {
    harness = await startAgentHarness((dir) => writeAgentRun(path.join(dir, 'source.tine'), 'source-run', 4))
    const source = harness.file('source.tine')
    harness.api.answers['agents.retry'] = () => {
      throw new Error('cannot fork before a root step')
    }
    await act(() => harness!.calls.openRun(source))
    const tool = tineStore.getState().openRun!.steps[1]
    fireEvent.click(within(await openMenu(tool.id)).getByTestId('menu-retry-changes'))
    await settle()
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry-start'))
    })
    await waitFor(() =>
      expect(screen.getByTestId('retry-error').textContent).toContain('cannot fork before a root step')
    )
    expect(harness.api.requests('agents.retry')).toEqual([{ file: source, stepId: tool.id, changes: {} }])
    fireEvent.keyDown(screen.getByTestId('retry-prompt'), { key: 'Escape' })
    expect(screen.queryByTestId('retry-dialog')).toBeNull()
  })

  it('on a tool step, prefills the recorded arguments, refuses a non-object and sends only edited arguments', async () => {
    harness = await startAgentHarness((dir) => writeAgentRun(path.join(dir, 'source.tine'), 'source-run', 4))
    const source = harness.file('source.tine')
    const forked = harness.file('forked.tine')
    harness.api.answers['agents.retry'] = () => {
      writeAgentRun(forked, 'forked-run', 2)
      return { file: forked, runId: 'forked-run' }
    }
    await act(() => harness!.calls.openRun(source))
    const [model, tool] = tineStore.getState().openRun!.steps
    // A model step has no arguments to edit.
    fireEvent.click(within(await openMenu(model.id)).getByTestId('menu-retry-changes'))
    await settle()
    expect(screen.queryByTestId('retry-tool-arguments')).toBeNull()
    fireEvent.keyDown(screen.getByTestId('retry-prompt'), { key: 'Escape' })

    fireEvent.click(within(await openMenu(tool.id)).getByTestId('menu-retry-changes'))
    const dialog = screen.getByTestId('retry-dialog')
    const args = (await waitFor(() => within(dialog).getByTestId('retry-tool-arguments'))) as HTMLTextAreaElement
    await waitFor(() => expect(JSON.parse(args.value)).toEqual({ path: '.' }))
    expect(args.value).toContain('\n') // pretty, one key a line
    expect(within(dialog).getByTestId('retry-unchanged')).toBeTruthy()

    const start = within(dialog).getByTestId('retry-start') as HTMLButtonElement
    fireEvent.change(args, { target: { value: '["docs"]' } })
    expect(within(dialog).getByTestId('retry-tool-arguments-error').textContent).toContain('must be a JSON object')
    expect(start.disabled).toBe(true)
    fireEvent.change(args, { target: { value: '{"path": "docs"' } })
    expect(within(dialog).getByTestId('retry-tool-arguments-error').textContent).toContain('not valid JSON')
    await act(async () => {
      fireEvent.submit(start.closest('form')!)
    })
    expect(harness.api.requests('agents.retry')).toEqual([])

    const edited = '{"path": "docs", "depth": 2}'
    fireEvent.change(args, { target: { value: edited } })
    expect(within(dialog).queryByTestId('retry-tool-arguments-error')).toBeNull()
    await act(async () => {
      fireEvent.click(start)
    })
    await waitFor(() => expect(screen.queryByTestId('retry-dialog')).toBeNull())
    expect(harness.api.requests('agents.retry')).toEqual([
      { file: source, stepId: tool.id, changes: { toolArgumentsJson: edited } }
    ])
  })

  it('on a run that failed its integrity check it asks for the explicit confirmation before retrying', async () => {
    harness = await startAgentHarness((dir) => {
      copyFileSync(path.join(EXAMPLES_DIR, 'research-agent.tine'), path.join(dir, 'good.tine'))
      writeTampered(path.join(EXAMPLES_DIR, 'research-agent.tine'), path.join(dir, 'tampered.tine'))
    })
    await act(() => harness!.calls.openRun(harness!.file('good.tine')))
    const good = tineStore.getState().openRun!.steps[2].id
    expect(within(await openMenu(good)).getByTestId('menu-retry-changes')).toBeTruthy()
    await act(async () => tineStore.getState().closeStepMenu())

    await act(() => harness!.calls.openRun(harness!.file('tampered.tine')))
    const tampered = tineStore.getState().openRun!.steps[2].id
    fireEvent.click(within(await openMenu(tampered)).getByTestId('menu-retry-changes'))
    const dialog = screen.getByTestId('retry-dialog')
    await waitFor(() => expect(within(dialog).getByTestId('integrity-override')).toBeTruthy())
    const start = within(dialog).getByTestId('retry-start') as HTMLButtonElement
    expect(start.disabled).toBe(true)
    fireEvent.click(within(dialog).getByTestId('integrity-override-confirm'))
    expect(start.disabled).toBe(false)
  })
})
