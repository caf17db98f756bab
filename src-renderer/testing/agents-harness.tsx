/**
 * The agent UI tests: the app rendered over real run files in a temp folder (FakeApi reads them),
 * with the agents.* channels answered by a recorder the test steers. The "agent" is the test: it
 * writes the growing run to disk and pushes the 'agent' events a runner would.
 */
import { act, cleanup, render } from '@testing-library/react'
import type { ActiveRunState, ActiveRunView, AgentCatalog } from '../../src-shared/api/agent-types'
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, RequestOf, ResponseOf } from '../../src-shared/api/contract'
import { stepSummary } from '../../src-shared/api/run-view'
import { Run } from '../../src-shared/run/run'
import { obj } from '../../src-shared/tine/json-value'
import type { Calls } from '../api/calls'
import { connectPushEvents } from '../api/events'
import { App } from '../App'
import { connectClient } from './connect-client'
import { tineStore } from '../store/store'
import { FakeApi } from '../../e2e/kit/fake-api'
import { writeRun } from '../../e2e/kit/run-files'
import { tempFolder } from '../../e2e/kit/temp-folder'

export const initialState = tineStore.getState()

export const CATALOG: AgentCatalog = {
  providers: [
    { id: 'offline', label: 'Offline scripted model', models: ['offline-scripted-1'], offline: true },
    { id: 'anthropic', label: 'Anthropic', models: ['claude-test-1', 'claude-test-2'], offline: false }
  ],
  tools: [
    { name: 'list_files', description: 'List files', sideEffects: false },
    { name: 'read_file', description: 'Read a file', sideEffects: false },
    { name: 'search_text', description: 'Search text', sideEffects: false }
  ],
  secretsSet: [],
  canStoreSecrets: false
}

type AgentChannel = Extract<Channel, `agents.${string}` | 'settings.setSecret'>
type Answer<C extends AgentChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>

export class AgentFakeApi extends FakeApi {
  catalog: AgentCatalog = CATALOG
  answers: { [C in AgentChannel]?: Answer<C> } = {}

  override async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!channel.startsWith('agents.') && channel !== 'settings.setSecret') return super.invoke(channel, request)
    this.calls.push({ channel, request })
    const answer = this.answers[channel as AgentChannel] as Answer<AgentChannel> | undefined
    if (answer) return (await answer(request as never)) as ResponseOf<C>
    if (channel === 'agents.catalog') return this.catalog as ResponseOf<C>
    if (channel === 'agents.active') return [] as unknown as ResponseOf<C>
    throw new ApiError('unavailable', `${channel} has no answer in this test`)
  }

  requests<C extends Channel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>)
  }
}

/** An agent-like run: a model step whose inputs keep the prompt text, then tool and model steps. */
export function agentRun(runId: string, steps: number, prompt = 'Summarise the folder.'): Run {
  const run = new Run({ id: runId, createdAt: 1_900_000_000, modelInfo: 'offline-scripted-1' })
  for (let index = 0; index < steps; index++) {
    if (index % 2 === 0) {
      run.addStep({
        kind: 'model',
        inputs: obj({ request: `key-${index}`, text: index === 0 ? prompt : `tool result ${index}` }),
        outputs: obj({ text: `answer ${index}` }),
        modelInfo: 'offline-scripted-1',
        timestamp: 1_900_000_000 + index
      })
    } else {
      run.addStep({
        kind: 'tool',
        inputs: obj({ name: 'list_files', arguments: obj({ path: '.' }) }),
        outputs: obj({ result: `files ${index}` }),
        toolInfo: obj({ name: 'list_files' }),
        timestamp: 1_900_000_000 + index
      })
    }
  }
  return run
}

export function writeAgentRun(file: string, runId: string, steps: number, prompt?: string): Run {
  const run = agentRun(runId, steps, prompt)
  writeRun(file, run)
  return run
}

export function agentView(
  file: string,
  runId: string,
  state: ActiveRunState,
  stepCount: number,
  activity: string | null = null
): ActiveRunView {
  return { file, runId, state, stepCount, activity, error: null }
}

export interface AgentHarness {
  dir: string
  api: AgentFakeApi
  calls: Calls
  file(name: string): string
  /** What a runner does after each step: push its state (the file is already on disk). */
  push(view: ActiveRunView): Promise<void>
  /** The live patch a runner pushes with its steps from index `from` on. */
  pushSteps(file: string, run: Run, from: number): Promise<void>
  dispose(): void
}

export async function startAgentHarness(prepare?: (dir: string) => void): Promise<AgentHarness> {
  tineStore.setState(initialState, true)
  const dir = tempFolder('tine-agents-ui-')
  prepare?.(dir)
  const api = new AgentFakeApi([dir])
  const { calls } = connectClient(api)
  const disconnect = connectPushEvents(api, tineStore, calls)
  render(<App />)
  await act(() => calls.loadFolders())
  return {
    dir,
    api,
    calls,
    file: (name) => `${dir}/${name}`,
    async push(view) {
      await act(async () => {
        api.push({ kind: 'agent', run: view })
        await new Promise((resolve) => setTimeout(resolve, 20))
      })
    },
    async pushSteps(file, run, from) {
      const steps = run.steps.slice(from).map((step, offset) => stepSummary(step, from + offset))
      await act(async () => {
        api.push({ kind: 'steps', file, runId: run.id, steps, stepCount: run.stepCount })
        await new Promise((resolve) => setTimeout(resolve, 20))
      })
    },
    dispose() {
      cleanup()
      disconnect()
      delete document.body.dataset.ready
      tineStore.setState(initialState, true)
    }
  }
}

/** Lets pending promises and React updates settle. */
export async function settle(ms = 20): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)))
}
