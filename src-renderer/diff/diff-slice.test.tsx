import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestOf } from '../../src-shared/api/contract'
import { createTineStore } from '../store/store'
import { connectClient } from '../testing/connect-client'
import { DiffFakeApi } from '../testing/diff-fake-api'
import { EXAMPLES_DIR } from '../../e2e/kit/run-files'

let dir: string
let fileA: string
let fileB: string
let api: DiffFakeApi

function diffStore() {
  const store = createTineStore()
  connectClient(api, store)
  return { get: () => store.getState() }
}

/** Lets the fake api's promise chains (and the pair request each move starts) settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-diff-slice-'))
  fileA = path.join(dir, 'research-agent.tine')
  fileB = path.join(dir, 'research-agent-retry.tine')
  copyFileSync(path.join(EXAMPLES_DIR, 'research-agent.tine'), fileA)
  copyFileSync(path.join(EXAMPLES_DIR, 'research-agent-retry.tine'), fileB)
  api = new DiffFakeApi([dir])
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('diff slice', () => {
  it('loads both runs and the pairing', async () => {
    const { get } = diffStore()
    const opening = get().openDiff(fileA, fileB)
    expect(get().diffPhase).toBe('loading')
    expect(get().diffRequest).toEqual({ fileA, fileB, toolCallsOnly: false })
    await opening
    const state = get()
    expect(state.diffPhase).toBe('ready')
    expect(state.diffProgress).toMatchObject({ runA: true, runB: true, pairing: true })
    expect(state.diffRunA?.file).toBe(fileA)
    expect(state.diffRunB?.file).toBe(fileB)
    expect(state.diffView!.summary.changed).toBeGreaterThan(0)
  })

  it('walks every difference with next, clamps at the ends, and walks back with previous', async () => {
    const { get } = diffStore()
    await get().openDiff(fileA, fileB)
    const differences = get().diffView!.differences
    expect(differences.length).toBeGreaterThan(3)
    const visited: { a: string | null; b: string | null }[] = []
    const seqs = new Set<number>()
    for (let i = 0; i < differences.length; i++) {
      get().nextDifference()
      expect(get().diffIndex).toBe(i)
      visited.push(get().diffSelection)
      seqs.add(get().diffFocus!.seq)
      expect(get().diffFocus).toMatchObject({ kind: 'center', a: differences[i].a, b: differences[i].b })
    }
    expect(visited).toEqual(differences.map((d) => ({ a: d.a, b: d.b })))
    // Every changed pair of the diff is on the walk, each once.
    const changedOnWalk = visited.filter((_, i) => differences[i].kind === 'changed').map((pair) => pair.a)
    expect(new Set(changedOnWalk).size).toBe(get().diffView!.summary.changed)
    expect(seqs.size).toBe(differences.length)

    get().nextDifference()
    expect(get().diffIndex).toBe(differences.length - 1)
    get().previousDifference()
    expect(get().diffIndex).toBe(differences.length - 2)
    get().goToDifference(0)
    get().previousDifference()
    expect(get().diffIndex).toBe(0)
    expect(get().diffSelection).toEqual({ a: differences[0].a, b: differences[0].b })
  })

  it('loads the step pair of the current difference and drops answers for pairs left behind', async () => {
    const { get } = diffStore()
    await get().openDiff(fileA, fileB)
    const differences = get().diffView!.differences
    const changed = differences.findIndex((d) => d.kind === 'changed')
    get().goToDifference(changed)
    get().goToDifference(changed + 1)
    await settle()
    const pair = get().diffPair!
    expect(pair).toMatchObject({ a: differences[changed + 1].a, b: differences[changed + 1].b, state: 'ready' })
    const requests = api.calls
      .filter((call) => call.channel === 'runs.stepPair')
      .map((call) => call.request as RequestOf<'runs.stepPair'>)
    expect(requests.at(-1)).toEqual({
      fileA,
      stepA: differences[changed + 1].a,
      fileB,
      stepB: differences[changed + 1].b
    })

    get().goToDifference(changed)
    await settle()
    expect(get().diffPair!.detail!.fields.length).toBeGreaterThan(0)
    expect(get().diffPair!.detail!.a).toBe(differences[changed].a)
  })

  it('selecting a step selects its partner on the other side and makes a difference current', async () => {
    const { get } = diffStore()
    await get().openDiff(fileA, fileB)
    const view = get().diffView!
    const changed = view.differences.find((d) => d.kind === 'changed')!
    get().selectDiffStep('a', changed.a)
    expect(get().diffSelection).toEqual({ a: changed.a, b: changed.b })
    expect(get().diffIndex).toBe(changed.index)
    expect(get().diffFocus).toMatchObject({ kind: 'align', origin: 'a' })

    get().selectDiffStep('b', changed.b)
    expect(get().diffSelection).toEqual({ a: changed.a, b: changed.b })
    expect(get().diffFocus).toMatchObject({ kind: 'align', origin: 'b' })

    const onlyB = view.differences.find((d) => d.kind === 'only-b')!
    get().selectDiffStep('b', onlyB.b)
    expect(get().diffSelection).toEqual({ a: null, b: onlyB.b })

    // A step of the shared prefix stands for itself on the other side.
    const shared = Object.keys(view.stepsA).find((id) => view.stepsA[id] === 'shared')!
    get().selectDiffStep('a', shared)
    expect(get().diffSelection).toEqual({ a: shared, b: shared })
    expect(get().diffIndex).toBe(onlyB.index)
    await settle()
    expect(get().diffPair).toMatchObject({ a: shared, b: shared, state: 'ready' })
    expect(get().diffPair!.detail!.fields).toEqual([])

    get().selectDiffStep('a', null)
    expect(get().diffSelection).toEqual({ a: null, b: null })
    expect(get().diffPair).toBeNull()
  })

  it('re-requests with toolCallsOnly, keeps the loaded runs, and ignores an answer overtaken by a newer request', async () => {
    const { get } = diffStore()
    await get().openDiff(fileA, fileB)
    const runA = get().diffRunA
    const loadsBefore = api.count('runs.load')
    await get().setDiffToolCallsOnly(true)
    expect(get().diffView!.mode).toBe('tool-calls')
    expect(get().diffRequest!.toolCallsOnly).toBe(true)
    expect(api.calls.filter((call) => call.channel === 'runs.diff').at(-1)!.request).toEqual({
      fileA,
      fileB,
      toolCallsOnly: true
    })
    expect(get().diffRunA).toBe(runA)
    expect(api.count('runs.load')).toBe(loadsBefore)

    let release!: () => void
    api.holdDiff = new Promise((resolve) => (release = resolve))
    const slow = get().setDiffToolCallsOnly(false)
    api.holdDiff = null
    await get().swapDiffSides()
    release()
    await slow
    expect(get().diffRequest).toEqual({ fileA: fileB, fileB: fileA, toolCallsOnly: false })
    expect(get().diffView!.a.runId).toBe(get().diffRunA!.runId)
    expect(get().diffRunA!.file).toBe(fileB)
    expect(get().diffView!.mode).toBe('graph')

    get().closeDiff()
    expect(get().diffRequest).toBeNull()
    expect(get().diffView).toBeNull()
  })

  it('reports a failed load as an error the screen can show', async () => {
    const { get } = diffStore()
    await get().openDiff(fileA, path.join(os.tmpdir(), 'elsewhere', 'missing.tine'))
    expect(get().diffPhase).toBe('error')
    expect(get().diffError).toContain('missing.tine')
  })
})
