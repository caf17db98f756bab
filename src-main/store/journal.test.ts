/**
 * The step journal and its checkpoint store, on real files: durability of every completed step,
 * torn and corrupt tails, geometric folding, idempotent replay after a fold, and clean settles
 * that the Python oracle accepts.
 */
import { mkdtemp, readFile, rm, writeFile, appendFile, copyFile, readdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JournalCheckpointStore } from './checkpoint-journal'
import { journalPathFor, readJournal } from './journal'
import { recoverRun, recoverRunDetailed } from './journal-recover'
import { loadRun } from './run-file'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { obj, newObject } from '../../src-shared/tine/json-value'
import { runOracle } from '../../e2e/kit/oracle'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-journal-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** One agent-like turn: a model step with its transcript turn and cache entry, then a tool step. */
function addTurn(run: Run, index: number): void {
  const model = run.addStep({
    kind: 'model',
    inputs: obj({ request: `key-${index}`, text: index === 0 ? 'go' : 'tool results' }),
    outputs: obj({
      text: '',
      tool_calls: [obj({ id: `call-${index}`, name: 'echo', arguments: obj({ n: BigInt(index), x: 0.5 }) })]
    }),
    usage: obj({ input: 10n, output: 2n }),
    cost: 0.001,
    provider: 'offline'
  })
  run.transcript.push(obj({ step_id: model.id, role: 'assistant', content: '', tool_calls: [] }))
  run.cache[`m${index}`] = obj({
    key: `m${index}`,
    kind: 'model.complete',
    value: obj({ text: '' }),
    provenance: 'recorded',
    created_at: 1.5
  })
}

function addToolStep(run: Run, index: number) {
  const tool = run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'echo', arguments: obj({ n: BigInt(index) }) }),
    outputs: obj({ result: `r${index}` }),
    toolInfo: obj({ name: 'echo' })
  })
  run.transcript.push(
    obj({ step_id: tool.id, role: 'tool', content: `r${index}`, name: 'echo', tool_call_id: `call-${index}` })
  )
  return tool
}

function newRun(): Run {
  const run = new Run({ id: 'journal-test-run', modelInfo: 'offline-scripted', userPrompt: 'go' })
  run.manifest = obj({ kind: 'opentine-native', resume: true })
  run.transcript.push(obj({ role: 'user', content: 'go' }))
  return run
}

async function stepsOnDisk(file: string): Promise<number> {
  return (await loadRun(file)).stepCount
}

describe('journal checkpoint store', () => {
  it('makes every completed step durable and folds geometrically', async () => {
    const file = path.join(dir, 'run.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    const fileSizes: number[] = []
    for (let i = 0; i < 20; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
      const tool = addToolStep(run, i)
      await store.stepCompleted(run, tool)
      const recovered = await recoverRun(file)
      expect(recovered.order).toEqual(run.order)
      expect(recovered.transcript.length).toBe(run.transcript.length)
      expect(Object.keys(recovered.cache).sort()).toEqual(Object.keys(run.cache).sort())
      expect(recovered.provenance.integrity?.ok).toBe(true)
      expect(recovered.draft).toBe(true)
      fileSizes.push(await stepsOnDisk(file))
    }
    // The file itself only changes at folds: 1, 2, 4, 8, 16, 32 steps.
    expect([...new Set(fileSizes)]).toEqual([2, 4, 8, 16, 32])
    expect(store.stats.folds).toBe(6)
    expect(store.stats.journalLines).toBe(40 - 6)

    await store.settle(run)
    expect(existsSync(journalPathFor(file))).toBe(false)
    const text = await readFile(file, 'utf8')
    expect(text).toBe(serializeRun(run))
    expect(text).not.toContain('"draft"')
    expect(text).not.toContain('autosave')
    expect((await readdir(dir)).sort()).toEqual(['run.tine'])
    const oracle = runOracle([file])
    expect(oracle.status, oracle.stdout + oracle.stderr).toBe(0)
  })

  it('writes draft folds the oracle accepts, with draft and autosave set', async () => {
    const file = path.join(dir, 'draft.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    for (let i = 0; i < 4; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    const snapshot = path.join(dir, 'snapshot.tine')
    await copyFile(file, snapshot)
    const loaded = await loadRun(snapshot)
    expect(loaded.draft).toBe(true)
    expect(loaded.metadata.autosave).toBeDefined()
    expect(loaded.stepCount).toBe(4)
    const oracle = runOracle([snapshot])
    expect(oracle.status, oracle.stdout).toBe(0)
    expect(oracle.stdout).toContain('OK')
  })

  it('ignores a torn last line and a corrupt line with everything after it', async () => {
    const file = path.join(dir, 'torn.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    for (let i = 0; i < 7; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    // Folded at 1, 2 and 4 steps: three journal lines hold steps 5-7.
    const journal = journalPathFor(file)
    expect((await readJournal(journal)).entries).toHaveLength(3)
    const intact = await readFile(journal, 'utf8')
    await appendFile(journal, intact.split('\n')[0].slice(0, 40))
    const torn = await recoverRunDetailed(file)
    expect(torn.run.order).toEqual(run.order)
    expect(torn.ignoredBytes).toBe(40)
    expect(torn.run.provenance.integrity?.ok).toBe(true)

    const lines = intact.split('\n')
    lines[1] = lines[1].replace('tool results', 'tool resulTs')
    await writeFile(journal, lines.join('\n'))
    const corrupt = await recoverRunDetailed(file)
    expect(corrupt.replayedEntries).toBe(1)
    expect(corrupt.run.order).toEqual(run.order.slice(0, 5))
    expect(corrupt.run.provenance.integrity?.ok).toBe(true)
  })

  it('replays a journal that survived its fold without duplicating anything', async () => {
    const file = path.join(dir, 'twice.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    for (let i = 0; i < 7; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    const stale = path.join(dir, 'stale.journal')
    await copyFile(journalPathFor(file), stale)
    addTurn(run, 7)
    await store.stepCompleted(run, run.lastStep()!) // folds at 8 and deletes the journal
    expect(existsSync(journalPathFor(file))).toBe(false)
    // A crash between the fold's rename and the journal's unlink leaves both behind.
    await copyFile(stale, journalPathFor(file))
    const recovered = await recoverRun(file)
    expect(recovered.order).toEqual(run.order)
    expect(recovered.transcript).toHaveLength(run.transcript.length)
    expect(recovered.provenance.integrity?.ok).toBe(true)
  })

  it('keeps a tampered file visibly tampered even with a journal', async () => {
    const file = path.join(dir, 'tampered.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    for (let i = 0; i < 3; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('"go"', '"gone"'))
    const recovered = await recoverRun(file)
    expect(recovered.stepCount).toBe(3)
    expect(recovered.provenance.integrity?.ok).toBe(false)
  })

  it('records status and metadata changes, including a side-effect call in flight', async () => {
    const file = path.join(dir, 'pending.tine')
    const store = new JournalCheckpointStore(file)
    const run = newRun()
    for (let i = 0; i < 3; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    run.metadata.pending_tool = obj({ id: 'call-9', name: 'charge', arguments: newObject() })
    await store.toolStarting(run, { id: 'call-9', name: 'charge', arguments: newObject() }, 'k-9')
    const recovered = await recoverRun(file)
    expect(recovered.metadata.pending_tool).toEqual(run.metadata.pending_tool)
    const entries = (await readJournal(journalPathFor(file))).entries
    expect(entries.at(-1)?.kind).toBe('tool-starting')
    expect((entries.at(-1)?.call as Record<string, unknown>).idempotency_key).toBe('k-9')

    delete run.metadata.pending_tool
    run.status = 'paused'
    await store.settle(run)
    const settled = await loadRun(file)
    expect(settled.status).toBe('paused')
    expect(settled.metadata.pending_tool).toBeUndefined()
    expect(settled.draft).toBe(false)
  })

  it('never writes a secret to the journal', async () => {
    const file = path.join(dir, 'secret.tine')
    const secret = 'sk-test-DO-NOT-LEAK-123456'
    const store = new JournalCheckpointStore(file, { secrets: [secret] })
    const run = newRun()
    for (let i = 0; i < 4; i++) {
      addTurn(run, i)
      await store.stepCompleted(run, run.lastStep()!)
    }
    run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'echo', arguments: obj({ text: `key is ${secret}` }) }),
      outputs: obj({ result: secret })
    })
    await store.stepCompleted(run, run.lastStep()!)
    expect(existsSync(journalPathFor(file))).toBe(true)
    expect(await readFile(journalPathFor(file), 'utf8')).not.toContain(secret)
    expect(await readFile(file, 'utf8')).not.toContain(secret)
  })
})
