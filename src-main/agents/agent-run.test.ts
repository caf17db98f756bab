import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from '../../src-shared/agents/agent'
import {
  ConversationKeyer,
  modelPayload,
  modelRequestKey,
  semanticKey,
  toolCallKey
} from '../../src-shared/agents/semantic-key'
import type { ChatMessage, ModelProvider, ModelRequest, ToolSpec } from '../../src-shared/agents/types'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { fromPlain, isObject, jsonEqual, toPlain, type JsonObject } from '../../src-shared/tine/json-value'
import { OFFLINE_MODEL, OfflineScriptedModel } from './offline-model'
import { folderTools, oracleVerdict, tempDir } from '../../e2e/kit/agent-disk'
import {
  CountingProvider,
  RecordingCheckpoint,
  call,
  kinds,
  steppingClock
} from '../../src-shared/agents/testing/fakes'

const work = tempDir('agent-run-')
afterAll(() => work.cleanup())

function exampleFolder(): string {
  const dir = path.join(work.dir, `folder-${Math.random().toString(16).slice(2)}`)
  spawnSync('mkdir', ['-p', dir])
  writeFileSync(path.join(dir, 'alpha.txt'), 'Hello planet\nsecond line planet\nthird')
  writeFileSync(path.join(dir, 'beta.md'), '# beta\nplanet notes\n')
  return dir
}

/** Wraps a provider and keeps the requests, to compare recorded keys with keys computed independently. */
function capturing(inner: ModelProvider): ModelProvider & { seen: ModelRequest[] } {
  const seen: ModelRequest[] = []
  return {
    provider: inner.provider,
    model: inner.model,
    seen,
    complete: (request, options) => {
      seen.push(structuredClone(request))
      return inner.complete(request, options)
    }
  }
}

describe('a tool-using run with the offline scripted model', async () => {
  const folder = exampleFolder()
  const model = capturing(new OfflineScriptedModel())
  const checkpoint = new RecordingCheckpoint()
  const agent = new Agent({
    model,
    tools: folderTools(folder),
    systemPrompt: 'You explore folders.',
    checkpoint,
    now: steppingClock()
  })
  const run = await agent.run('Summarize this folder')

  it('records model, think, tool and done steps in order and completes', () => {
    expect(run.status).toBe('completed')
    expect(kinds(run)).toEqual(['model', 'tool', 'think', 'tool', 'model', 'tool', 'done'])
    const tools = run.steps.filter((step) => step.kind === 'tool')
    expect(tools.map((step) => [step.inputs.name, toPlain(step.inputs.arguments)])).toEqual([
      ['list_files', { path: '.' }],
      ['read_file', { path: 'alpha.txt' }],
      ['search_text', { query: 'Hello' }]
    ])
    for (const step of tools) expect(toPlain(step.toolInfo)).toEqual({ name: step.inputs.name })
    expect(toPlain(tools[0].outputs.result)).toEqual(['alpha.txt', 'beta.md'])
    expect(toPlain(tools[2].outputs.result)).toEqual({ matches: ['alpha.txt:1'] })
    const done = run.steps[run.steps.length - 1]
    expect(done.outputs.text).toMatch(
      /lists 2 file\(s\); alpha\.txt has 3 line\(s\); searching for "Hello" found 1 match/
    )
    // A linear chain: every step's parent is the one before it.
    run.steps.forEach((step, index) => expect(step.parentIds).toEqual(index ? [run.steps[index - 1].id] : []))
  })

  it('puts usage, cost, provider and the semantic request key on every model step', () => {
    const modelSteps = run.steps.filter((step) => step.kind !== 'tool')
    expect(modelSteps).toHaveLength(model.seen.length)
    modelSteps.forEach((step, index) => {
      expect(step.provider).toBe('offline')
      expect(step.modelInfo).toBe(OFFLINE_MODEL)
      expect(typeof step.usage?.input).toBe('bigint')
      expect(Number(step.usage?.input)).toBeGreaterThan(0)
      expect(typeof step.cost).toBe('number')
      expect(step.inputs.request).toBe(modelRequestKey(model.seen[index]))
    })
    expect(modelSteps[0].inputs.text).toBe('Summarize this folder')
    expect(modelSteps[1].inputs.text).toBe('tool results: list_files')
  })

  it('writes the transcript of spec §19 with step ids', () => {
    const turns = run.transcript.map((turn) => toPlain(turn) as Record<string, unknown>)
    expect(turns[0]).toEqual({ role: 'user', content: 'Summarize this folder' })
    expect(turns.map((turn) => turn.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant'
    ])
    const stepIds = run.steps.filter((step) => step.kind !== 'error').map((step) => step.id)
    expect(turns.slice(1).map((turn) => turn.step_id)).toEqual(stepIds)
    const firstCall = (turns[1].tool_calls as Array<Record<string, unknown>>)[0]
    expect(firstCall).toEqual({ id: 'offline_0_0', name: 'list_files', arguments: { path: '.' } })
    expect(turns[2]).toMatchObject({
      role: 'tool',
      name: 'list_files',
      tool_call_id: 'offline_0_0',
      content: '["alpha.txt","beta.md"]'
    })
  })

  it('records every call in run.cache under its semantic key', () => {
    const entries = Object.keys(run.cache)
    expect(entries).toHaveLength(7)
    for (const step of run.steps) {
      const key =
        step.kind === 'tool'
          ? toolCallKey(String(step.inputs.name), step.inputs.arguments as JsonObject)
          : String(step.inputs.request)
      const entry = run.cache[key]
      expect(isObject(entry)).toBe(true)
      const record = entry as JsonObject
      expect(record.key).toBe(key)
      expect(record.kind).toBe(step.kind === 'tool' ? 'tool.call' : 'model.complete')
      expect((record.provenance as JsonObject).step_id).toBe(step.id)
      if (step.kind === 'tool') expect(jsonEqual(record.value, step.outputs.result)).toBe(true)
      else expect((record.value as JsonObject).text).toBe(step.outputs.text)
    }
  })

  it('writes the manifest of a native, resumable run', () => {
    expect(toPlain(run.manifest)).toEqual({
      kind: 'opentine-native',
      model: { name: OFFLINE_MODEL },
      tools: ['list_files', 'read_file', 'search_text'],
      replay: ['cache', 'rerun'],
      resume: true
    })
  })

  it('hands every step to the checkpoint store, read-only tools without a start marker, then settles', () => {
    expect(checkpoint.completed.map((step) => step.id)).toEqual(run.order)
    expect(checkpoint.started).toHaveLength(0)
    expect(checkpoint.events[checkpoint.events.length - 1]).toBe('settle:completed')
  })

  it('saves a file the Python oracle accepts and that loads back identical', () => {
    const verdict = oracleVerdict(run, work.dir)
    expect(verdict.output).toMatch(/^OK /)
    expect(verdict.status, verdict.output).toBe(0)
    const loaded = loadRunFromBytes(readFileSync(verdict.file))
    expect(loaded.order).toEqual(run.order)
    expect(jsonEqual(loaded.transcript, run.transcript)).toBe(true)
    expect(jsonEqual(loaded.cache, run.cache)).toBe(true)
    expect(loaded.provenance.integrity?.ok).toBe(true)
  })
})

describe('step kinds follow the spec §3 convention', () => {
  it('text with tool calls is think, calls without text are model, text alone is done', async () => {
    const provider = new CountingProvider(
      (_request, turn) =>
        [
          { text: 'let me look', toolCalls: [call('echo', { n: 1 })] },
          { toolCalls: [call('echo', { n: 2 })] },
          { text: 'finished' }
        ][turn]
    )
    const echo = {
      name: 'echo',
      description: 'echo',
      parameters: { type: 'object' },
      sideEffects: false,
      run: async (args: JsonObject) => args
    }
    const run = await new Agent({ model: provider, tools: [echo], now: steppingClock() }).run('go')
    expect(kinds(run)).toEqual(['think', 'tool', 'model', 'tool', 'done'])
    expect(run.status).toBe('completed')
  })

  it('a refusal is an error step, carries usage and fails the run', async () => {
    const provider = new CountingProvider(() => ({ text: '', refusal: 'I cannot help with that', cost: 0.002 }))
    const run = await new Agent({ model: provider, now: steppingClock() }).run('do a bad thing')
    expect(kinds(run)).toEqual(['error'])
    expect(toPlain(run.steps[0].error)).toEqual({ type: 'Refusal', message: 'I cannot help with that' })
    expect(run.steps[0].cost).toBe(0.002)
    expect(run.steps[0].usage).toBeDefined()
    expect(run.status).toBe('failed')
    expect((toPlain(run.transcript[1]) as Record<string, unknown>).refusal).toBe('I cannot help with that')
  })

  it('a provider failure is an error step naming the provider, and fails the run', async () => {
    const provider = new CountingProvider(() => {
      throw new Error('503 overloaded\nstack trace here')
    })
    const run = await new Agent({ model: provider, now: steppingClock() }).run('hello')
    expect(kinds(run)).toEqual(['error'])
    expect(toPlain(run.steps[0].error)).toEqual({ type: 'ProviderError', message: 'fake fake-model-1: 503 overloaded' })
    expect(run.status).toBe('failed')
  })
})

describe('semantic keys', () => {
  it('match a Python json.dumps(sort_keys) + sha256 computed independently', () => {
    const toolArguments = { path: 'a/b.txt', n: 3, flags: [true, null, 'x'] }
    const payloads = [
      { model: 'm', system: 'sÿstem ✓ 😀', messages: [{ role: 'user', content: 'hi "there"\n' }], tools: [] },
      { name: 'read_file', arguments: toolArguments }
    ]
    const script =
      'import sys,json,hashlib\nfor p in json.load(sys.stdin):\n  print(hashlib.sha256(json.dumps({"kind":p[0],"payload":p[1]},sort_keys=True,separators=(",",":")).encode()).hexdigest())'
    const input = JSON.stringify([
      ['model.complete', payloads[0]],
      ['tool.call', payloads[1]]
    ])
    const python = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' })
    const expected = python.stdout.trim().split('\n')
    expect(expected).toHaveLength(2)
    const request: ModelRequest = {
      model: 'm',
      system: 'sÿstem ✓ 😀',
      messages: [{ role: 'user', content: 'hi "there"\n' }],
      tools: []
    }
    expect(modelRequestKey(request)).toBe(expected[0])
    expect(semanticKey('model.complete', modelPayload(request))).toBe(expected[0])
    expect(toolCallKey('read_file', call('read_file', toolArguments).arguments)).toBe(expected[1])
  })

  it('the incremental conversation keyer equals the full key at every length', () => {
    const tools: ToolSpec[] = [
      {
        name: 't',
        description: 'd',
        parameters: { type: 'object', properties: { x: { type: 'integer', minimum: 1 } } }
      }
    ]
    const messages: ChatMessage[] = [
      { role: 'user', content: 'start é' },
      { role: 'assistant', content: '', toolCalls: [call('t', { x: 1 }, 'c1')] },
      { role: 'tool', content: '{"ok":true}', toolCallId: 'c1', name: 't' },
      {
        role: 'assistant',
        content: 'done',
        providerNative: fromPlain({ content_blocks: [{ type: 'text', text: 'done' }] }) as JsonObject
      },
      { role: 'user', content: 'more' }
    ]
    const keyer = new ConversationKeyer()
    for (let count = 0; count <= messages.length; count++) {
      if (count) keyer.append(messages[count - 1])
      const full = modelRequestKey({ model: 'mm', system: 'ss', messages: messages.slice(0, count), tools })
      expect(keyer.key('mm', 'ss', tools)).toBe(full)
    }
    expect(new ConversationKeyer(messages).key('mm', 'ss', tools)).toBe(keyer.key('mm', 'ss', tools))
    expect(keyer.key('mm', 'ss2', tools)).not.toBe(keyer.key('mm', 'ss', tools))
  })
})
