import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from '../../src-shared/agents/agent'
import type { ModelRequest } from '../../src-shared/agents/types'
import { OFFLINE_LABEL, OFFLINE_MODEL, OFFLINE_PROVIDER, OfflineScriptedModel } from './offline-model'
import { folderTools, tempDir } from '../../e2e/kit/agent-disk'
import { kinds, steppingClock } from '../../src-shared/agents/testing/fakes'

const work = tempDir('agent-offline-')
afterAll(() => work.cleanup())

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(work.dir, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text)
  return dir
}

const signal = new AbortController().signal

describe('the offline scripted model', () => {
  it('is labelled and answers the same request the same way', async () => {
    const model = new OfflineScriptedModel()
    expect([model.provider, model.model]).toEqual([OFFLINE_PROVIDER, OFFLINE_MODEL])
    const request: ModelRequest = {
      model: OFFLINE_MODEL,
      system: '',
      messages: [{ role: 'user', content: 'go' }],
      tools: []
    }
    const first = await model.complete(request, { signal })
    expect(await model.complete(request, { signal })).toEqual(first)
    expect(first.toolCalls.map((entry) => entry.name)).toEqual(['list_files'])
    expect(first.cost).toBe(0)
  })

  it('plays a given script by assistant-turn count, then a labelled closing line', async () => {
    const model = new OfflineScriptedModel({ script: [{ text: 'one' }] })
    const ask = (assistantTurns: number) =>
      model.complete(
        {
          model: OFFLINE_MODEL,
          system: '',
          tools: [],
          messages: [
            { role: 'user', content: 'x' },
            ...Array.from({ length: assistantTurns }, () => ({ role: 'assistant' as const, content: 'a' }))
          ]
        },
        { signal }
      )
    expect((await ask(0)).text).toBe('one')
    expect((await ask(1)).text).toBe(`${OFFLINE_LABEL} The script is finished.`)
  })

  it('refuses an aborted request', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(
      new OfflineScriptedModel().complete(
        { model: OFFLINE_MODEL, system: '', messages: [], tools: [] },
        { signal: controller.signal }
      )
    ).rejects.toThrow('stop')
  })

  it('drives the example agent deterministically: two runs over one folder record the same steps', async () => {
    const dir = folder('notes', { 'b.txt': 'zebra\n', 'a.txt': 'Quarterly report\nquarterly numbers\n' })
    const runOnce = () =>
      new Agent({ model: new OfflineScriptedModel(), tools: folderTools(dir), now: steppingClock() }).run('Summarize')
    const [one, two] = [await runOnce(), await runOnce()]
    expect(one.order).toEqual(two.order)
    expect(kinds(one)).toEqual(['model', 'tool', 'think', 'tool', 'model', 'tool', 'done'])
    expect(String(one.steps[6].outputs.text)).toBe(
      `${OFFLINE_LABEL} Summary: the folder lists 2 file(s); a.txt has 3 line(s); searching for "Quarterly" found 1 match(es).`
    )
  })

  it('an empty folder ends after the listing', async () => {
    const dir = folder('empty', {})
    const run = await new Agent({
      model: new OfflineScriptedModel(),
      tools: folderTools(dir),
      now: steppingClock()
    }).run('Summarize')
    expect(kinds(run)).toEqual(['model', 'tool', 'done'])
    expect(run.steps[2].outputs.text).toBe(`${OFFLINE_LABEL} The folder has no files to read.`)
  })
})

describe('the example agent with the built-in folder tools', () => {
  it('lists, reads a file, searches and summarises what the tools returned', async () => {
    const { builtinTools } = await import('./tools')
    const dir = folder('project', { 'notes.md': 'Meeting minutes\nminutes again\n' })
    mkdirSync(path.join(dir, 'sub'))
    writeFileSync(path.join(dir, 'sub', 'deep.txt'), 'Meeting elsewhere\n')
    const run = await new Agent({
      model: new OfflineScriptedModel(),
      tools: await builtinTools(dir),
      now: steppingClock()
    }).run('Summarize')
    expect(run.status).toBe('completed')
    expect(kinds(run)).toEqual(['model', 'tool', 'think', 'tool', 'model', 'tool', 'done'])
    expect(run.steps.filter((step) => step.kind === 'error')).toHaveLength(0)
    const read = run.steps[3]
    expect(String((read.inputs.arguments as Record<string, unknown>).path)).toMatch(/notes\.md$/)
    expect(String(run.steps[6].outputs.text)).toMatch(
      /notes\.md has \d+ line\(s\); searching for "Meeting" found [1-9]\d* match/
    )
  })
})
