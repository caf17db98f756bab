// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActiveRunState } from '../../src-shared/api/agent-types'
import { agentButtons } from './AgentBar'
import { tineStore } from '../store/store'
import { agentView, settle, startAgentHarness, writeAgentRun, type AgentHarness } from '../testing/agents-harness'

let harness: AgentHarness | null = null
afterEach(() => {
  harness?.dispose()
  harness = null
})

const RUN_ID = 'live-run'

async function openLiveRun(steps: number) {
  harness = await startAgentHarness((dir) => {
    writeAgentRun(`${dir}/live.tine`, RUN_ID, steps)
    writeAgentRun(`${dir}/other.tine`, 'other-run', 2)
  })
  const file = harness.file('live.tine')
  await act(() => harness!.calls.openRun(file))
  return { harness, file }
}

function buttons() {
  const bar = screen.getByTestId('agent-bar')
  return ['agent-pause', 'agent-resume', 'agent-cancel'].filter((id) => within(bar).queryByTestId(id) !== null)
}

describe('agent bar', () => {
  it('grows the open run live as steps land, keeping the selected step, and shows what the agent works on', async () => {
    const { harness, file } = await openLiveRun(2)
    expect(screen.queryByTestId('agent-bar')).toBeNull()
    const first = tineStore.getState().openRun!.steps[0].id
    await act(async () => tineStore.getState().selectStep(first))

    const loads = harness.api.count('runs.load')
    for (const steps of [3, 4, 5]) {
      const run = writeAgentRun(file, RUN_ID, steps)
      await harness.pushSteps(file, run, steps - 1)
      await harness.push(agentView(file, RUN_ID, 'running', steps, `calling read_file (${steps})`))
      await waitFor(() => expect(tineStore.getState().openRun!.steps).toHaveLength(steps))
      // The steps arrived as patches: nothing was loaded again.
      expect(harness.api.count('runs.load')).toBe(loads)
      expect(screen.getByTestId('agent-step-count').dataset.count).toBe(String(steps))
      expect(tineStore.getState().selectedStepId).toBe(first)
    }
    const activity = within(screen.getByTestId('step-inspector')).getByTestId('agent-activity')
    expect(activity.textContent).toContain('step 6')
    expect(activity.textContent).toContain('calling read_file (5)')

    // A finished run shows its outcome, no working marker and no controls.
    await harness.push(agentView(file, RUN_ID, 'completed', 5))
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('completed')
    expect(screen.queryByTestId('agent-activity')).toBeNull()
    expect(buttons()).toEqual([])
  })

  it('does not reload the open run for another file, but remembers that run', async () => {
    const { harness } = await openLiveRun(2)
    const loads = harness.api.count('runs.load')
    const other = harness.file('other.tine')
    await harness.push(agentView(other, 'other-run', 'running', 3))
    await settle()
    expect(harness.api.count('runs.load')).toBe(loads)
    expect(screen.queryByTestId('agent-bar')).toBeNull()
    expect(tineStore.getState().agentRuns[other].state).toBe('running')
  })

  it('pauses at the next step boundary, resumes, and cancels, with the exact requests', async () => {
    const { harness, file } = await openLiveRun(2)
    let next: ActiveRunState = 'pausing'
    harness.api.answers['agents.control'] = ({ file: target }) => agentView(target, RUN_ID, next, 2)
    await harness.push(agentView(file, RUN_ID, 'running', 2, 'calling the model'))
    expect(buttons()).toEqual(['agent-pause', 'agent-cancel'])

    await act(async () => {
      fireEvent.click(screen.getByTestId('agent-pause'))
    })
    await waitFor(() => expect(screen.getByTestId('agent-bar').dataset.state).toBe('pausing'))
    expect(buttons()).toEqual(['agent-cancel'])
    // The runner reaches the boundary and says so.
    await harness.push(agentView(file, RUN_ID, 'paused', 3))
    expect(buttons()).toEqual(['agent-resume', 'agent-cancel'])
    expect(screen.queryByTestId('agent-activity')).toBeNull()

    next = 'running'
    await act(async () => {
      fireEvent.click(screen.getByTestId('agent-resume'))
    })
    await waitFor(() => expect(screen.getByTestId('agent-bar').dataset.state).toBe('running'))

    next = 'cancelled'
    await act(async () => {
      fireEvent.click(screen.getByTestId('agent-cancel'))
    })
    await waitFor(() => expect(screen.getByTestId('agent-bar').dataset.state).toBe('cancelled'))
    expect(harness.api.requests('agents.control')).toEqual([
      { file, action: 'pause' },
      { file, action: 'resume' },
      { file, action: 'cancel' }
    ])
  })

  it('shows a refused control in the bar', async () => {
    const { harness, file } = await openLiveRun(2)
    harness.api.answers['agents.control'] = () => {
      throw new Error('the run is not executing')
    }
    await harness.push(agentView(file, RUN_ID, 'running', 2))
    await act(async () => {
      fireEvent.click(screen.getByTestId('agent-pause'))
    })
    await waitFor(() =>
      expect(screen.getByTestId('agent-control-error').textContent).toContain('the run is not executing')
    )
    expect(screen.getByTestId('agent-bar').dataset.state).toBe('running')
  })

  it('offers each state exactly its buttons', () => {
    const offered = (state: ActiveRunState) =>
      Object.entries(agentButtons(state))
        .filter(([, on]) => on)
        .map(([name]) => name)
    expect(offered('starting')).toEqual(['pause', 'cancel'])
    expect(offered('running')).toEqual(['pause', 'cancel'])
    expect(offered('pausing')).toEqual(['cancel'])
    expect(offered('paused')).toEqual(['resume', 'cancel'])
    for (const state of ['completed', 'failed', 'cancelled', 'needs-review'] as const)
      expect(offered(state)).toEqual([])
  })
})
