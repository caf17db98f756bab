// The side-by-side diff view, on real runs: the shipped examples, forks made with the core and
// continued with addStep, saved to disk and compared with diffRuns. `tine diff --json` is compared with the
// same view in src-main/cli/commands/diff-json-view.test.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { totalCost, totalTokens } from '../cost'
import { diffRuns, stepDeltas } from './diff'
import { buildDiffView, type DiffView } from './diff-view'
import { positionTraversal } from './diff-view-model'
import { forkRun } from '../fork'
import { Run } from '../run'
import { stepPairDetail, wordDiff } from './step-delta'
import { obj } from '../../tine/json-value'
import { FIXTURES_DIR } from '../../../e2e/kit/paths'
import { EXAMPLES_DIR, loadRun, writeRun } from '../../../e2e/kit/run-files'
import { retriedFork } from './testing/retried-fork'

const ORIGIN = path.join(EXAMPLES_DIR, 'research-agent.tine')
const RETRY = path.join(EXAMPLES_DIR, 'research-agent-retry.tine')
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-diff-view-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

/** Every step whose state is not drawn dimmed appears in the walk exactly once, on its side. */
function expectWalkCoversStates(view: DiffView): void {
  const walkedA = view.differences.flatMap((entry) => (entry.a ? [entry.a] : []))
  const walkedB = view.differences.flatMap((entry) => (entry.b ? [entry.b] : []))
  const flagged = (states: Record<string, string>) =>
    Object.keys(states).filter((id) => states[id] === 'changed' || states[id].startsWith('only-'))
  expect([...walkedA].sort()).toEqual(flagged(view.stepsA).sort())
  expect([...walkedB].sort()).toEqual(flagged(view.stepsB).sort())
  expect(view.differences.map((entry) => entry.index)).toEqual(view.differences.map((_, index) => index))
  for (const entry of view.differences) {
    if (entry.kind === 'changed') expect(view.pairs[entry.a!]).toBe(entry.b)
    else expect(entry.kind === 'only-a' ? entry.b : entry.a).toBeNull()
  }
}

describe('buildDiffView (spec §15 pairing)', () => {
  it('agrees with diffRuns on a retried fork saved to disk', async () => {
    const origin = loadRun(ORIGIN)
    const { fork, point, retried } = retriedFork(origin)
    const originFile = path.join(tempDir, 'origin.tine')
    const forkFile = path.join(tempDir, 'fork.tine')
    await writeRun(originFile, origin)
    await writeRun(forkFile, fork)
    const a = await loadRun(originFile)
    const b = await loadRun(forkFile)

    const view = buildDiffView(a, b, { fileA: originFile, fileB: forkFile })
    const diff = diffRuns(a, b)

    expect(view.a).toEqual({ runId: a.id, file: originFile })
    expect(view.commonAncestor).toBe(point)
    expect(view.summary.added).toBe(diff.onlyB.length)
    expect(view.summary.removed).toBe(diff.onlyA.length)
    expect(view.summary.changed).toBe(diff.changed.length)
    expect(view.summary.changed).toBeGreaterThan(0)
    const oneSided = (states: Record<string, string>, state: string) =>
      Object.keys(states)
        .filter((id) => states[id] === state)
        .sort()
    expect(oneSided(view.stepsA, 'only-a')).toEqual([...diff.onlyA].sort())
    expect(oneSided(view.stepsB, 'only-b')).toEqual([...diff.onlyB].sort())
    expect(diff.onlyA.length + diff.onlyB.length).toBeGreaterThan(0)

    // The retained ancestry is the dimmed shared prefix; the retried step is the first divergence.
    for (const id of a.ancestors(point)) {
      expect(view.stepsA[id]).toBe('shared')
      expect(view.stepsB[id]).toBe('shared')
    }
    expect(view.firstDivergence.a).toBe(retried)
    expect(view.firstDivergence.a).toBe(diff.firstDivergence)
    expect(view.firstDivergence.b).toBe(view.pairs[retried])
    expect(b.getStep(view.firstDivergence.b!)!.parentIds).toEqual([point])
    expect(Object.keys(view.stepsA).sort()).toEqual([...a.order].sort())
    expect(Object.keys(view.stepsB).sort()).toEqual([...b.order].sort())
    expect(Object.keys(view.pairs)).toEqual(diff.paired.map((pair) => pair.a))

    // "Next difference" walks every changed pair in diffRuns' order.
    expectWalkCoversStates(view)
    expect(view.differences.filter((entry) => entry.kind === 'changed').map((entry) => [entry.a, entry.b])).toEqual(
      diff.changed.map((pair) => [pair.a, pair.b])
    )

    expect(view.summary.a.totalCost).toBe(totalCost(a))
    expect(view.summary.b.totalTokens).toBe(totalTokens(b))
    expect(view.summary.b.steps).toBe(b.stepCount)
    expect(view.summary.costDelta).toBeCloseTo(totalCost(b) - totalCost(a), 12)
    expect(view.summary.tokenDelta).toBe(totalTokens(b) - totalTokens(a))
    const durations = (run: Run) => run.steps.reduce((sum, step) => sum + step.duration, 0)
    expect(view.summary.durationDelta).toBeCloseTo(durations(b) - durations(a), 9)
    // Plain JSON: it survives the trip to the renderer unchanged.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view)
  })

  it('compares the shipped retry example with its origin', async () => {
    const a = await loadRun(ORIGIN)
    const b = await loadRun(RETRY)
    const view = buildDiffView(a, b)
    const diff = diffRuns(a, b)
    expect(b.metadata.forked_from).toBe(a.id)
    expect(view.commonAncestor).toBe(b.refs.fork_point)
    expect(view.firstDivergence.a).toBe(diff.firstDivergence)
    expect(view.summary).toMatchObject({
      added: diff.onlyB.length,
      removed: diff.onlyA.length,
      changed: diff.changed.length
    })
    expect(view.differences).toHaveLength(diff.changed.length + diff.onlyA.length + diff.onlyB.length)
    expectWalkCoversStates(view)
  })

  it('places B-only steps right after their nearest paired ancestor, in walk order', () => {
    const a = new Run({ id: 'a' })
    const root = a.addStep({ kind: 'think', inputs: obj({ text: 'plan' }), timestamp: 1 }).id
    const tool = a.addStep({ kind: 'tool', inputs: obj({ name: 'ls' }), timestamp: 2 }).id
    const modelA = a.addStep({ kind: 'model', inputs: obj({ text: 'answer' }), timestamp: 3 }).id
    const b = forkRun(a, { at: tool, mode: 'after', nonce: '', now: 1 }).run
    // A different kind at the model's place: not paired, so one-sided on both sides.
    const thinkB = b.addStep({ kind: 'think', inputs: obj({ text: 'reconsider' }), timestamp: 4 }).id
    const toolB = b.addStep({ kind: 'tool', inputs: obj({ name: 'cat' }), timestamp: 5 }).id
    const view = buildDiffView(a, b)
    expect(view.stepsA).toEqual({ [root]: 'shared', [tool]: 'shared', [modelA]: 'only-a' })
    expect(view.stepsB).toEqual({ [root]: 'shared', [tool]: 'shared', [thinkB]: 'only-b', [toolB]: 'only-b' })
    expect(view.differences).toEqual([
      { index: 0, a: null, b: thinkB, kind: 'only-b' },
      { index: 1, a: null, b: toolB, kind: 'only-b' },
      { index: 2, a: modelA, b: null, kind: 'only-a' }
    ])
    expect(view.firstDivergence).toEqual({ a: modelA, b: thinkB })
  })

  it('marks paired steps with new ids but equal content as same, and unrelated runs as one-sided', () => {
    const a = new Run({ id: 'a' })
    a.addStep({ kind: 'think', inputs: obj({ text: 'one' }), timestamp: 1 })
    const sameA = a.addStep({ kind: 'done', inputs: obj({ text: 'end' }), timestamp: 2 }).id
    const b = new Run({ id: 'b' })
    const changedB = b.addStep({ kind: 'think', inputs: obj({ text: 'two' }), timestamp: 1 }).id
    const sameB = b.addStep({ kind: 'done', inputs: obj({ text: 'end' }), timestamp: 2 }).id
    const view = buildDiffView(a, b)
    expect(sameA).not.toBe(sameB)
    expect(view.stepsA[sameA]).toBe('same')
    expect(view.stepsB[sameB]).toBe('same')
    expect(view.stepsB[changedB]).toBe('changed')
    expect(view.commonAncestor).toBeNull()

    const unrelated = new Run({ id: 'c' })
    const toolC = unrelated.addStep({ kind: 'tool', inputs: obj({ name: 'x' }), timestamp: 1 }).id
    const apart = buildDiffView(a, unrelated)
    expect(Object.values(apart.stepsA)).toEqual(['only-a', 'only-a'])
    expect(apart.stepsB).toEqual({ [toolC]: 'only-b' })
    expect(apart.differences.map((entry) => entry.kind)).toEqual(['only-a', 'only-a', 'only-b'])
    expectWalkCoversStates(apart)

    const empty = buildDiffView(new Run({ id: 'e1' }), new Run({ id: 'e2' }))
    expect(empty).toMatchObject({
      differences: [],
      commonAncestor: null,
      firstDivergence: { a: null, b: null },
      summary: { added: 0, removed: 0, changed: 0, costDelta: 0 }
    })
  })

  it('keeps hostile step ids as ordinary keys', () => {
    const a = new Run({ id: 'a' })
    a.addStep({ kind: 'think', id: '__proto__', timestamp: 1 })
    a.addStep({ kind: 'tool', id: 'constructor', timestamp: 2 })
    const b = a.clone()
    b.addStep({ kind: 'done', id: 'toString', timestamp: 3 })
    const view = buildDiffView(a, b)
    expect(Object.keys(view.stepsA).sort()).toEqual(['__proto__', 'constructor'])
    expect(view.stepsA['__proto__']).toBe('shared')
    expect(view.stepsB.toString).toBe('only-b')
    expect(JSON.parse(JSON.stringify(view.stepsB))).toEqual({
      ['__proto__']: 'shared',
      constructor: 'shared',
      toString: 'only-b'
    })
  })

  it('walks a long chain with branches in position order without deep recursion', () => {
    const a = new Run({ id: 'long' })
    for (let i = 0; i < 4000; i++)
      a.addStep({ kind: i % 2 ? 'tool' : 'think', inputs: obj({ i: BigInt(i) }), timestamp: i })
    const b = a.clone()
    b.id = 'long-b'
    const at = a.order[1000]
    b.addStep({ kind: 'model', parentIds: [at], inputs: obj({ text: 'side' }), ref: 'side', timestamp: 1 })
    b.getStep(a.order[3000])!.cost = 0.5
    const view = buildDiffView(a, b)
    expect(view.differences.map((entry) => entry.kind)).toEqual(['only-b', 'changed'])
    expect(view.differences[1].a).toBe(a.order[3000])
    expect(positionTraversal(a).map((step) => step.id)).toEqual(a.order)
  })
})

describe('stepPairDetail', () => {
  it('lists spec §15 deltas field by field with a word diff of long texts', () => {
    const origin = loadRun(ORIGIN)
    const { fork, retried } = retriedFork(origin)
    const partner = buildDiffView(origin, fork).pairs[retried]
    const detail = stepPairDetail(origin, retried, fork, partner)
    const stepA = origin.getStep(retried)!
    const stepB = fork.getStep(partner)!
    expect(detail.fields.filter((field) => !field.parentField).map((field) => field.field)).toEqual(
      stepDeltas(stepA, stepB).map((delta) => delta.field)
    )
    const inputs = detail.fields.find((field) => field.field === 'inputs')!
    expect(inputs.keys).toEqual(['text'])
    const text = detail.fields.find((field) => field.field === 'inputs.text')!
    expect(text.parentField).toBe('inputs')
    expect(text.before).toBe(stepA.inputs.text)
    expect(text.after).toBe(stepB.inputs.text)
    const parts = text.textDiff!
    expect(
      parts
        .filter((part) => part.op !== 'insert')
        .map((part) => part.text)
        .join('')
    ).toBe(stepA.inputs.text)
    expect(
      parts
        .filter((part) => part.op !== 'delete')
        .map((part) => part.text)
        .join('')
    ).toBe(stepB.inputs.text)
    expect(parts.some((part) => part.op === 'equal' && part.text.includes('energy'))).toBe(true)
    expect(parts.find((part) => part.op === 'insert')!.text).toMatch(/measuring/)
    // Plain JSON values: usage ints arrive as numbers.
    const usage = detail.fields.find((field) => field.field === 'usage')!
    expect((usage.after as Record<string, unknown>).input).toBe(1200)
    expect(detail.costDelta).toBeCloseTo(0.004 - stepA.cost, 12)
    expect(detail.durationDelta).toBeCloseTo(2.5 - stepA.duration, 12)
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail)
  })

  it('diffs words, keeps short strings whole, and gives up cleanly on huge texts', () => {
    expect(wordDiff('the quick brown fox', 'the slow brown fox')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'quick' },
      { op: 'insert', text: 'slow' },
      { op: 'equal', text: ' brown fox' }
    ])
    const a = new Run({ id: 'a' })
    const shortA = a.addStep({ kind: 'think', inputs: obj({ text: 'hi' }), timestamp: 1 }).id
    const b = new Run({ id: 'b' })
    const shortB = b.addStep({ kind: 'think', inputs: obj({ text: 'ho' }), timestamp: 1 }).id
    const detail = stepPairDetail(a, shortA, b, shortB)
    expect(detail.fields.find((field) => field.field === 'inputs.text')).toEqual({
      field: 'inputs.text',
      parentField: 'inputs',
      before: 'hi',
      after: 'ho'
    })

    const huge = 'word '.repeat(30_000)
    const parts = wordDiff(huge + 'a', 'b' + huge)
    expect(parts).toEqual([
      { op: 'delete', text: huge + 'a' },
      { op: 'insert', text: 'b' + huge }
    ])
  })

  it('describes a one-sided step against nothing, and refuses an unknown id', () => {
    const demo = path.join(FIXTURES_DIR, 'gui/.tine_runs/demo-complete.tine')
    const run = loadRun(demo)
    const detail = stepPairDetail(run, 's3', new Run({ id: 'empty' }), null)
    const step = run.getStep('s3')!
    expect(detail.b).toBeNull()
    expect(detail.fields.map((field) => field.field)).toContain('inputs')
    expect(detail.fields.every((field) => field.after === null)).toBe(true)
    expect(detail.costDelta).toBeCloseTo(-step.cost, 12)
    expect(() => stepPairDetail(run, 'nope', run, null)).toThrow(/Unknown step nope/)
  })
})
