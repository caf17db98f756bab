/**
 * Fork, continue, compare through the real service, real runner processes and the official OpenAI
 * SDK against a counting server speaking its wire format: continuing a fork pays only for the new
 * calls; Resume continues a paused run after the server restarts, with the agent this machine
 * recorded; an edited tool result is a new step on a new fork and the diff's first divergence.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type {
  ActiveRunView,
  AgentStartedView,
  ContinueInfoView,
  EditResultView
} from '../../../src-shared/api/agent-types'
import type { ForkResultView } from '../../../src-shared/api/action-types'
import type { DiffView } from '../../../src-shared/run/diff/diff-view-model'
import { isObject } from '../../../src-shared/tine/json-value'
import { loadRun } from '../../store/run-file'
import {
  FAKE_MODEL,
  LIST_TURN,
  listingStartRequest,
  openAgentWorld,
  oracleVerdict,
  fakeProviderStarter,
  type FakeProvider
} from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const startProvider = fakeProviderStarter()

async function provider4(): Promise<FakeProvider> {
  const provider = await startProvider([LIST_TURN, LIST_TURN, LIST_TURN, { text: 'Finished listing.' }])
  return provider
}

function mentions(request: { body: any }, text: string): boolean {
  return JSON.stringify(request.body.messages).includes(text)
}

function continueRequest(file: string, folder: string, prompt?: string) {
  return {
    file,
    provider: 'openai',
    model: FAKE_MODEL,
    tools: ['list_files'],
    toolRoot: folder,
    ...(prompt === undefined ? {} : { prompt })
  }
}

describe('continuing a fork', () => {
  it('costs only the new calls: every request the fork already holds is served from its origin', async () => {
    const provider = await provider4()
    const world = await openAgentWorld('tine-continue-count-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      expect(source.stepCount).toBe(7)
      expect(provider.requests.length).toBe(4)

      // Branch after step 2 (the first tool result) and continue unchanged: all of it is in the record.
      const same = await world.call<ForkResultView>('runs.fork', {
        file: started.file,
        stepId: source.order[1],
        mode: 'after'
      })
      const info = await world.call<ContinueInfoView>('agents.continueInfo', { file: same.file })
      expect(info).toMatchObject({
        recordedHere: true,
        provider: 'openai',
        model: FAKE_MODEL,
        tools: ['list_files'],
        missingTools: [],
        blocked: null,
        originFile: started.file
      })
      await world.call<AgentStartedView>('agents.continue', continueRequest(same.file, world.folder))
      await world.agentEvent(same.file, (run) => run.state === 'completed')
      expect(provider.requests.length).toBe(4)
      expect((await loadRun(same.file)).order).toEqual(source.order)

      // The same branch with a new prompt: only the calls after it reach the provider.
      const branch = await world.call<ForkResultView>('runs.fork', {
        file: started.file,
        stepId: source.order[1],
        mode: 'after'
      })
      const prompt = 'NEW: list it again, then stop.'
      await world.call<AgentStartedView>('agents.continue', continueRequest(branch.file, world.folder, prompt))
      await world.agentEvent(branch.file, (run) => run.state === 'completed')
      const continued = await loadRun(branch.file)
      expect(continued.status).toBe('completed')
      const added = continued.steps.slice(2)
      const modelCalls = added.filter((step) => step.kind !== 'tool' && step.billing?.status !== 'replayed')
      const newRequests = provider.requests.slice(4)
      expect(newRequests.length).toBe(modelCalls.length)
      expect(newRequests.length).toBeGreaterThan(0)
      expect(newRequests.every((request) => mentions(request, prompt))).toBe(true)
      expect(continued.order.slice(0, 2)).toEqual(source.order.slice(0, 2))
      const verdict = oracleVerdict(branch.file)
      expect(verdict.ok, verdict.text).toBe(true)
    } finally {
      await world.service.close()
    }
  })
})

describe('Resume', () => {
  it('continues a paused run after the server restarts, with the agent recorded here, asking only for what is left', async () => {
    const provider = await provider4()
    provider.hold(1)
    const world = await openAgentWorld('tine-resume-restart-', { provider })
    const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
    await provider.received(2)
    const pausing = world.call<ActiveRunView>('agents.control', { file: started.file, action: 'pause' })
    provider.release(1)
    expect((await pausing).state).toBe('paused')
    await world.service.close()
    const paused = await loadRun(started.file)
    expect(paused.status).toBe('paused')
    const askedBefore = provider.requests.length

    // A new server process over the same folder and the same user data folder.
    const again = await openAgentWorld('unused', { provider, folder: world.folder, dataDir: world.dataDir })
    try {
      await again.call<ActiveRunView>('agents.control', { file: started.file, action: 'resume' })
      await again.agentEvent(started.file, (run) => run.state === 'completed')
      const finished = await loadRun(started.file)
      expect(finished.status).toBe('completed')
      expect(finished.order.slice(0, paused.stepCount)).toEqual(paused.order)
      const later = provider.requests.slice(askedBefore)
      expect(later.length).toBe(4 - askedBefore)
      // No request before the pause is asked again: each later one carries more turns than any earlier.
      const turns = (request: { body: any }) =>
        request.body.messages.filter((message: any) => message.role === 'assistant').length
      const earlier = Math.max(...provider.requests.slice(0, askedBefore).map(turns))
      expect(later.every((request) => turns(request) > earlier)).toBe(true)
      expect(oracleVerdict(started.file).ok).toBe(true)
    } finally {
      await again.service.close()
    }
  })

  it('refuses a paused run this machine did not start (the Continue form takes it), without touching it', async () => {
    const provider = await provider4()
    provider.hold(1)
    const world = await openAgentWorld('tine-resume-foreign-', { provider })
    const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
    await provider.received(2)
    const pausing = world.call<ActiveRunView>('agents.control', { file: started.file, action: 'pause' })
    provider.release(1)
    await pausing
    await world.service.close()
    const bytes = readFileSync(started.file)
    // Another machine: its own user data folder has no record of the run.
    const elsewhere = await openAgentWorld('unused', { provider, folder: world.folder })
    try {
      expect(await errorCode(elsewhere.call('agents.control', { file: started.file, action: 'resume' }))).toBe(
        'not-recorded'
      )
      const info = await elsewhere.call<ContinueInfoView>('agents.continueInfo', { file: started.file })
      expect(info.recordedHere).toBe(false)
      expect(info.blocked).toBeNull()
      expect(readFileSync(started.file).equals(bytes)).toBe(true)
    } finally {
      await elsewhere.service.close()
    }
  })
})

describe('Edit before continuing', () => {
  it('writes an edited tool result as a new step on a new fork; continuing sends it, and the diff diverges there', async () => {
    const provider = await provider4()
    const world = await openAgentWorld('tine-edit-tool-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      const sourceBytes = readFileSync(started.file)
      const toolStep = source.getStep(source.order[1])!
      expect(toolStep.kind).toBe('tool')

      const edit = await world.call<EditResultView>('agents.edit', {
        file: started.file,
        stepId: toolStep.id,
        target: 'tool-result',
        value: '{"entries": ["EDITED.txt"]}'
      })
      expect(edit.original).toBe(toolStep.id)
      const fork = await loadRun(edit.file)
      expect(fork.metadata.forked_from).toBe(source.id)
      expect(isObject(fork.metadata.edit) && fork.metadata.edit.original).toBe(toolStep.id)
      expect(fork.order).toEqual([source.order[0], edit.stepId])
      expect(fork.getStep(edit.stepId!)!.parentIds).toEqual(toolStep.parentIds)
      expect(oracleVerdict(edit.file).ok, oracleVerdict(edit.file).text).toBe(true)
      expect(readFileSync(started.file).equals(sourceBytes)).toBe(true)

      const before = provider.requests.length
      await world.call<AgentStartedView>('agents.continue', continueRequest(edit.file, world.folder))
      await world.agentEvent(edit.file, (run) => run.state === 'completed')
      expect(provider.requests.length).toBeGreaterThan(before)
      expect(mentions(provider.requests[before], 'EDITED.txt')).toBe(true)

      const diff = await world.call<DiffView>('runs.diff', { fileA: started.file, fileB: edit.file })
      expect(diff.firstDivergence).toEqual({ a: toolStep.id, b: edit.stepId })
      expect(oracleVerdict(edit.file).ok).toBe(true)
    } finally {
      await world.service.close()
    }
  })

  it('edits a model output into a new step, and refuses a source that failed its integrity check', async () => {
    const provider = await provider4()
    const world = await openAgentWorld('tine-edit-model-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      const last = source.getStep(source.order[source.order.length - 1])!
      const edit = await world.call<EditResultView>('agents.edit', {
        file: started.file,
        stepId: last.id,
        target: 'model-output',
        value: 'An edited answer.'
      })
      const fork = await loadRun(edit.file)
      const edited = fork.getStep(edit.stepId!)!
      expect(edited.outputs.text).toBe('An edited answer.')
      expect(edited.kind).toBe('done')
      expect(edited.parentIds).toEqual(last.parentIds)
      expect(oracleVerdict(edit.file).ok).toBe(true)

      // One changed character in a step's text: edit and continue are refused, and nothing is written.
      const text = readFileSync(started.file, 'utf8')
      writeFileSync(started.file, text.replace('Finished listing.', 'Finished listinG.'))
      const tampered = readFileSync(started.file)
      expect(
        await errorCode(
          world.call('agents.edit', { file: started.file, stepId: last.id, target: 'model-output', value: 'x' })
        )
      ).toBe('read-only')
      expect(await errorCode(world.call('agents.continue', continueRequest(started.file, world.folder)))).toBe(
        'read-only'
      )
      expect(readFileSync(started.file).equals(tampered)).toBe(true)
    } finally {
      await world.service.close()
    }
  })
})
