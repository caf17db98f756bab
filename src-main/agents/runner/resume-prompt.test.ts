/**
 * A resume prompt is durable before the model is asked about it: a paused run is continued with a
 * prompt through the journal store, the model never answers, and while it hangs the file plus its
 * journal already end with the new user turn (and a crash there resumes at crash point 1).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JournalCheckpointStore } from '../../store/checkpoint-journal'
import { journalPathFor, readJournal } from '../../store/journal'
import { recoverRun } from '../../store/journal-recover'
import { loadRun } from '../../store/run-file'
import { Agent } from '../../../src-shared/agents/agent'
import { analyzeResumePoint } from '../../../src-shared/agents/resume-point'
import type { ModelProvider, ModelRequest, ModelResponse, Tool } from '../../../src-shared/agents/types'
import type { Run } from '../../../src-shared/run/run'
import { serializeRun } from '../../../src-shared/run/save'
import { isObject, obj } from '../../../src-shared/tine/json-value'
import { runOracle } from '../../../e2e/kit/oracle'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-resume-prompt-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const FOLLOW_UP = 'now summarise what you found'

/** Answers the first request with one tool call, then with a plain answer. */
const scripted: ModelProvider = {
  provider: 'fake',
  model: 'fake-model-1',
  async complete(request: ModelRequest): Promise<ModelResponse> {
    const asked = request.messages.filter((message) => message.role === 'assistant').length
    if (asked === 0)
      return {
        text: '',
        toolCalls: [{ id: 'call-1', name: 'echo', arguments: obj({ text: 'hi' }) }],
        usage: { input: 10, output: 3 }
      }
    return { text: 'done', toolCalls: [], usage: { input: 20, output: 2 } }
  }
}

/** Never answers; `asked` resolves with the request once the agent is waiting on it. */
function hangingProvider(): ModelProvider & { asked: Promise<ModelRequest> } {
  let notify: (request: ModelRequest) => void = () => undefined
  const asked = new Promise<ModelRequest>((resolve) => (notify = resolve))
  return {
    provider: 'fake',
    model: 'fake-model-1',
    asked,
    complete(request: ModelRequest): Promise<ModelResponse> {
      notify(request)
      return new Promise(() => undefined)
    }
  }
}

const echo: Tool = {
  name: 'echo',
  description: 'echo',
  parameters: { type: 'object' },
  sideEffects: false,
  run: async (args) => args.text ?? null
}

/** A run paused after its tool result landed, settled by `store`. */
async function pausedRun(store: JournalCheckpointStore): Promise<Run> {
  const agent: Agent = new Agent({
    model: scripted,
    tools: [echo],
    checkpoint: store,
    now: () => 1_800_000_000.5,
    onStep: (_run, step) => {
      if (step.kind === 'tool') agent.requestPause()
    }
  })
  const run = await agent.run('look around')
  expect(run.status).toBe('paused')
  return run
}

function lastTurn(run: Run) {
  const turn = run.transcript.at(-1)
  return isObject(turn) ? { role: turn.role, content: turn.content, stepId: turn.step_id } : undefined
}

function expectOracleOk(file: string): void {
  const report = runOracle([file])
  expect(report.files.get(path.resolve(file))?.ok, report.stdout + report.stderr).toBe(true)
  expect(report.status).toBe(0)
}

/** While the model hangs: what a crash would leave on disk already holds the prompt. */
async function expectPromptDurable(file: string, stepsBefore: number): Promise<void> {
  const recovered = await recoverRun(file)
  expect(lastTurn(recovered)).toEqual({ role: 'user', content: FOLLOW_UP, stepId: undefined })
  expect(recovered.stepCount).toBe(stepsBefore)
  expect(recovered.status).toBe('running')
  expect(recovered.draft).toBe(true)
  expect(recovered.provenance.integrity?.ok).toBe(true)
  expect(analyzeResumePoint(recovered).point.kind).toBe('after-user-turn')
  expectOracleOk(file)
  // The recovered run itself, written out, is a valid file too.
  const copy = path.join(dir, 'recovered.tine')
  await writeFile(copy, serializeRun(recovered))
  expectOracleOk(copy)
}

describe('resume prompt durability', () => {
  it('journals the prompt before the model call when the store already wrote the file', async () => {
    const file = path.join(dir, 'run.tine')
    const store = new JournalCheckpointStore(file)
    const run = await pausedRun(store)
    const stepsBefore = run.stepCount
    const foldsBefore = store.stats.folds

    const model = hangingProvider()
    const agent = new Agent({ model, tools: [echo], checkpoint: store })
    const continuing = agent.continueRun(run, { prompt: FOLLOW_UP })
    const request = await model.asked
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: FOLLOW_UP })

    // One 'turn' line beside an untouched file: no fold was needed for a stepless turn.
    expect(store.stats.folds).toBe(foldsBefore)
    const entries = (await readJournal(journalPathFor(file))).entries
    expect(entries.map((entry) => entry.kind)).toEqual(['turn'])
    expect(lastTurn(await loadRun(file))?.content).not.toBe(FOLLOW_UP)
    await expectPromptDurable(file, stepsBefore)

    agent.cancel()
    const stopped = await continuing
    expect(stopped.status).toBe('paused')
    const saved = await loadRun(file)
    expect(lastTurn(saved)).toEqual({ role: 'user', content: FOLLOW_UP, stepId: undefined })
    expect(saved.metadata.cancelled).toBe(true)
    expectOracleOk(file)
  })

  it('writes the file with the prompt when a fresh store continues a run loaded from disk', async () => {
    const file = path.join(dir, 'run.tine')
    await pausedRun(new JournalCheckpointStore(file))
    const loaded = await recoverRun(file)
    const stepsBefore = loaded.stepCount

    const store = new JournalCheckpointStore(file)
    const model = hangingProvider()
    const agent = new Agent({ model, tools: [echo], checkpoint: store })
    const continuing = agent.continueRun(loaded, { prompt: FOLLOW_UP })
    await model.asked

    // This store had never written the file, so it folds: the prompt is in the .tine itself.
    expect(store.stats.folds).toBe(1)
    expect(lastTurn(await loadRun(file))).toEqual({ role: 'user', content: FOLLOW_UP, stepId: undefined })
    await expectPromptDurable(file, stepsBefore)

    agent.cancel()
    expect((await continuing).status).toBe('paused')
  })
})
