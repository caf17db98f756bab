import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ActiveRunView } from '../../src-shared/api/agent-types'
import type { RunView } from '../../src-shared/api/types'
import { createTineStore } from '../store/store'
import { handlePushEvent } from './events'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'

const RUN = path.join(EXAMPLES_DIR, 'research-agent.tine')

function openStore(view: RunView) {
  const store = createTineStore()
  store.getState().setFolders([{ folder: path.dirname(view.file), singleFile: null, runs: [], watchMode: 'events' }])
  store.getState().beginRunLoad(view.file)
  store.getState().finishRunLoad(view)
  let reloads = 0
  const calls = { reloadOpenRun: async () => void reloads++ }
  return { store, calls, reloads: () => reloads }
}

function agent(view: RunView, state: ActiveRunView['state'], stepCount: number): ActiveRunView {
  return { file: view.file, runId: view.runId, state, stepCount, activity: null, error: null }
}

describe('push events for a run an agent is writing', () => {
  it('appends each step patch without a reload, ignores the watcher meanwhile, and reloads once at the end', () => {
    const full = loadView(RUN)
    const { store, calls, reloads } = openStore({ ...full, steps: full.steps.slice(0, 2) })
    handlePushEvent({ kind: 'agent', run: agent(full, 'running', 2) }, store, calls)
    for (let count = 3; count <= full.steps.length; count++) {
      handlePushEvent(
        {
          kind: 'steps',
          file: full.file,
          runId: full.runId,
          steps: full.steps.slice(count - 1, count),
          stepCount: count
        },
        store,
        calls
      )
      handlePushEvent({ kind: 'agent', run: agent(full, 'running', count) }, store, calls)
      // The autosave the agent wrote is reported by the watcher too: the same change, not a second reload.
      handlePushEvent(
        {
          kind: 'change',
          folder: path.dirname(full.file),
          file: path.basename(full.file),
          run: { file: full.file } as never
        },
        store,
        calls
      )
    }
    expect(store.getState().openRun?.steps.map((step) => step.id)).toEqual(full.steps.map((step) => step.id))
    expect(reloads()).toBe(0)
    handlePushEvent({ kind: 'agent', run: agent(full, 'completed', full.steps.length) }, store, calls)
    expect(reloads()).toBe(1)
  })

  it('reloads when a patch does not continue what is on screen', () => {
    const full = loadView(RUN)
    const { store, calls, reloads } = openStore({ ...full, steps: full.steps.slice(0, 2) })
    handlePushEvent(
      { kind: 'steps', file: full.file, runId: full.runId, steps: full.steps.slice(4), stepCount: full.steps.length },
      store,
      calls
    )
    expect(reloads()).toBe(1)
    expect(store.getState().openRun?.steps.length).toBe(2)
  })

  it('still reloads on a watcher change when no agent is writing the open run', () => {
    const full = loadView(RUN)
    const { store, calls, reloads } = openStore(full)
    handlePushEvent(
      {
        kind: 'change',
        folder: path.dirname(full.file),
        file: path.basename(full.file),
        run: { file: full.file } as never
      },
      store,
      calls
    )
    expect(reloads()).toBe(1)
  })
})
