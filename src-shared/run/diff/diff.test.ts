import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { diffRuns } from './diff'
import { forkRun } from '../fork'
import { Run } from '../run'
import { obj } from '../../tine/json-value'

const short = (id: string) => id.slice(0, 12)
const positionKey = (parentKey: string, index: number) =>
  createHash('sha256').update(`opentine.graph-position.v1\0${parentKey}\0${index}`).digest('hex')

/** think → tool → model → tool → done, with content-hash ids. */
function sourceRun(): { run: Run; ids: Record<'plan' | 'search' | 'answer' | 'save' | 'done', string> } {
  const run = new Run({ id: 'source', modelInfo: 'm', createdAt: 1 })
  const plan = run.addStep({ kind: 'think', inputs: obj({ text: 'plan' }), timestamp: 1 }).id
  const search = run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'web_search', arguments: obj({ q: 'x' }) }),
    outputs: obj({ result: 'found' }),
    timestamp: 2
  }).id
  const answer = run.addStep({
    kind: 'model',
    inputs: obj({ text: 'answer' }),
    outputs: obj({ text: 'first try', tokens: 3n }),
    cost: 0.01,
    timestamp: 3
  }).id
  const save = run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'write_file' }),
    outputs: obj({ result: 'ok' }),
    timestamp: 4
  }).id
  const done = run.addStep({ kind: 'done', inputs: obj({ text: 'done' }), timestamp: 5 }).id
  return { run, ids: { plan, search, answer, save, done } }
}

describe('diffRuns (spec §15)', () => {
  it('pairs a continued fork with its source by position and kind', () => {
    const { run: a, ids } = sourceRun()
    const b = forkRun(a, { at: ids.answer, mode: 'before', nonce: '', now: 2 }).run
    const retry = b.addStep({
      kind: 'model',
      inputs: obj({ text: 'answer' }),
      outputs: obj({ text: 'second try', tokens: 3n }),
      cost: 0.01,
      timestamp: 6
    })
    const save = b.addStep({
      kind: 'tool',
      inputs: obj({ name: 'write_file' }),
      outputs: obj({ result: 'ok' }),
      timestamp: 7
    })
    expect(save.id).not.toBe(ids.save)

    const diff = diffRuns(a, b)
    expect(diff.commonAncestor).toBe(ids.search)
    expect(diff.paired.map((pair) => [pair.a, pair.b])).toEqual([
      [ids.plan, ids.plan],
      [ids.search, ids.search],
      [ids.answer, retry.id],
      [ids.save, save.id]
    ])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0].deltas).toEqual([
      { field: 'outputs', before: a.getStep(ids.answer)!.outputs, after: retry.outputs, keys: ['text'] }
    ])
    expect(diff.onlyA).toEqual([ids.done])
    expect(diff.onlyB).toEqual([])
    expect(diff.drift).toEqual({
      structural: [`${short(ids.answer)} outputs`, `${short(ids.done)} missing`].sort(),
      accounting: [],
      only_source: [short(ids.done)],
      only_replay: []
    })
    expect(diff.identical).toBe(false)
    expect(diff.firstDivergence).toBe(ids.answer)
    // Position keys: the path of sorted-sibling indices, hashed from "root".
    const rootKey = positionKey('root', 0)
    expect(diff.paired[0].position).toBe(rootKey)
    expect(diff.paired[1].position).toBe(positionKey(rootKey, 0))

    const reverse = diffRuns(b, a)
    expect(reverse.onlyB).toEqual([ids.done])
    expect(reverse.drift.structural).toContain(`${short(ids.done)} added`)
    expect(reverse.drift.only_replay).toEqual([short(ids.done)])
  })

  it('a clone is identical; an accounting change is accounting drift only', () => {
    const { run: a, ids } = sourceRun()
    const b = a.clone()
    const same = diffRuns(a, b)
    expect(same.identical).toBe(true)
    expect(same.changed).toEqual([])
    expect(same.paired).toHaveLength(5)
    expect(same.firstDivergence).toBeNull()
    expect(same.commonAncestor).toBe(ids.done)

    b.getStep(ids.answer)!.cost = 0.01 + 1e-13
    expect(diffRuns(a, b).identical).toBe(true)
    b.getStep(ids.answer)!.cost = 0.02
    b.getStep(ids.save)!.usage = obj({ input: 5n })
    const drift = diffRuns(a, b)
    expect(drift.drift.accounting).toEqual([`${short(ids.answer)} cost`, `${short(ids.save)} usage`].sort())
    expect(drift.drift.structural).toEqual([])
    expect(drift.changed.map((pair) => pair.a)).toEqual([ids.answer, ids.save])
    expect(drift.identical).toBe(false)
  })

  it('does not pair steps of different kinds, and orders siblings by id', () => {
    const a = new Run({ id: 'a' })
    a.addStep({ kind: 'think', id: 'r', timestamp: 1 })
    a.addStep({ kind: 'tool', id: 'y', parentIds: ['r'], timestamp: 2 })
    a.addStep({ kind: 'tool', id: 'x', parentIds: ['r'], timestamp: 3 })
    const b = new Run({ id: 'b' })
    b.addStep({ kind: 'think', id: 'r', timestamp: 1 })
    b.addStep({ kind: 'model', id: 'p', parentIds: ['r'], timestamp: 2 })
    b.addStep({ kind: 'tool', id: 'q', parentIds: ['r'], timestamp: 3 })
    const diff = diffRuns(a, b)
    // Sorted siblings: A has x(0) y(1); B has p(0) q(1). x/p differ in kind; y/q pair.
    expect(diff.paired.map((pair) => `${pair.a}-${pair.b}`)).toEqual(['r-r', 'y-q'])
    expect(diff.onlyA).toEqual(['x'])
    expect(diff.onlyB).toEqual(['p'])
    expect(diff.firstDivergence).toBe('x')
    expect(diffRuns(new Run({ id: 'e1' }), new Run({ id: 'e2' })).identical).toBe(true)
  })

  it('copes with long chains without deep recursion', () => {
    const a = new Run({ id: 'long-a' })
    for (let i = 0; i < 3000; i++) a.addStep({ kind: 'tool', inputs: obj({ i: BigInt(i) }), timestamp: i })
    const b = a.clone()
    a.addStep({ kind: 'model', inputs: obj({ text: 'a' }), timestamp: 1 })
    b.addStep({ kind: 'model', inputs: obj({ text: 'b' }), timestamp: 1 })
    const diff = diffRuns(a, b)
    expect(diff.paired).toHaveLength(3001)
    expect(diff.changed).toHaveLength(1)
    expect(diff.drift.structural).toEqual([`${short(a.order.at(-1)!)} inputs`])
  })
})
