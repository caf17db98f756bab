// "Compare tool calls only": tool calls and their arguments decide, model wording does not, and the
// comparison stops at the first divergence in behaviour.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toolCallSignature } from './tool-calls-diff'
import { buildDiffView } from './diff-view'
import { forkRun } from '../fork'
import { Run } from '../run'
import { obj } from '../../tine/json-value'
import { REPO_ROOT } from '../../../e2e/kit/paths'
import { loadRun } from '../../../e2e/kit/run-files'

const EXAMPLES = path.join(REPO_ROOT, 'resources/examples')

/** The main line (ancestry of refs.main) of a run, root first. */
const mainLine = (run: Run) => run.ancestors(run.refs.main)
const toolCall = (run: Run, id: string) => {
  const step = run.getStep(id)!
  return { name: step.toolInfo.name ?? step.inputs.name, args: step.inputs.arguments }
}

describe('buildDiffView with toolCallsOnly', () => {
  it('stops at the first differing tool call between the retry example and its origin', async () => {
    const a = await loadRun(path.join(EXAMPLES, 'research-agent.tine'))
    const b = await loadRun(path.join(EXAMPLES, 'research-agent-retry.tine'))
    const view = buildDiffView(a, b, { toolCallsOnly: true })
    expect(view.mode).toBe('tool-calls')
    const { a: divergeA, b: divergeB } = view.firstDivergence
    expect(a.getStep(divergeA!)!.kind).toBe('tool')
    expect(b.getStep(divergeB!)!.kind).toBe('tool')
    expect(toolCall(a, divergeA!)).not.toEqual(toolCall(b, divergeB!))

    const lineA = mainLine(a)
    const lineB = mainLine(b)
    const before = (line: string[], id: string) => line.slice(0, line.indexOf(id))
    const toolsBefore = (run: Run, line: string[], id: string) =>
      before(line, id).filter((step) => run.getStep(step)!.kind === 'tool')
    // Everything before the divergence agrees tool call by tool call, and is drawn 'same'.
    expect(toolsBefore(a, lineA, divergeA!).map((id) => toolCall(a, id))).toEqual(
      toolsBefore(b, lineB, divergeB!).map((id) => toolCall(b, id))
    )
    expect(toolsBefore(a, lineA, divergeA!).length).toBeGreaterThan(2)
    for (const id of before(lineA, divergeA!)) expect(view.stepsA[id]).toBe('same')
    for (const id of before(lineB, divergeB!)) expect(view.stepsB[id]).toBe('same')
    expect(view.stepsA[divergeA!]).toBe('changed')
    expect(view.pairs[divergeA!]).toBe(divergeB)
    // The think step the retry reworded (a model step in the origin) is not a divergence.
    const reworded = before(lineB, divergeB!).filter((id) => !a.hasStep(id))
    expect(reworded.length).toBeGreaterThan(0)
    // After it, everything is one-sided.
    for (const id of lineA.slice(lineA.indexOf(divergeA!) + 1)) expect(view.stepsA[id]).toBe('only-a')
    for (const id of lineB.slice(lineB.indexOf(divergeB!) + 1)) expect(view.stepsB[id]).toBe('only-b')
    expect(view.differences[0]).toEqual({ index: 0, a: divergeA, b: divergeB, kind: 'changed' })
    expect(view.summary.changed).toBe(1)
    expect(view.summary.removed).toBe(Object.values(view.stepsA).filter((state) => state === 'only-a').length)
    expect(view.summary.added).toBe(view.differences.filter((entry) => entry.kind === 'only-b').length)
    expect(JSON.parse(JSON.stringify(view))).toEqual(view)
  })

  it('ignores the model wording: a reworded retry with the same tool calls does not diverge', async () => {
    const origin = await loadRun(path.join(EXAMPLES, 'release-failed.tine'))
    const [plan, tests, tag, push, failure] = origin.order
    const fork = forkRun(origin, { at: tag, mode: 'before', nonce: '', now: 1 }).run
    const copy = (id: string, text?: string) => {
      const step = origin.getStep(id)!
      return fork.addStep({
        kind: step.kind,
        inputs: text ? obj({ ...step.inputs, text }) : step.inputs,
        outputs: step.outputs,
        toolInfo: step.toolInfo,
        error: step.error,
        timestamp: 99
      })
    }
    copy(tag, 'Now tag the release, carefully.')
    const pushB = copy(push).id
    const failureB = copy(failure, 'Stopped: the tag exists.').id
    expect(pushB).not.toBe(push)

    const graph = buildDiffView(origin, fork)
    expect(graph.summary.changed).toBeGreaterThan(0)
    const toolCalls = buildDiffView(origin, fork, { toolCallsOnly: true })
    expect(toolCalls.firstDivergence).toEqual({ a: null, b: null })
    expect(toolCalls.differences).toEqual([])
    expect(Object.values(toolCalls.stepsA).every((state) => state === 'same')).toBe(true)
    expect(Object.values(toolCalls.stepsB).every((state) => state === 'same')).toBe(true)
    expect(toolCalls.pairs).toMatchObject({ [plan]: plan, [tests]: tests, [push]: pushB, [failure]: failureB })
    expect(toolCalls.summary).toMatchObject({ added: 0, removed: 0, changed: 0 })
  })

  it('reports an extra tool call on one side as one-sided, not changed', () => {
    const a = new Run({ id: 'a' })
    a.addStep({ kind: 'tool', inputs: obj({ name: 'ls', arguments: obj({ path: '.', all: true }) }), timestamp: 1 })
    const doneA = a.addStep({ kind: 'done', inputs: obj({ text: 'finished' }), timestamp: 2 }).id
    const b = new Run({ id: 'b' })
    // Same call, arguments in another key order.
    b.addStep({ kind: 'tool', inputs: obj({ name: 'ls', arguments: obj({ all: true, path: '.' }) }), timestamp: 1 })
    const thinkB = b.addStep({ kind: 'think', inputs: obj({ text: 'one more look' }), timestamp: 2 }).id
    const extra = b.addStep({
      kind: 'tool',
      inputs: obj({ name: 'cat', arguments: obj({ path: 'x' }) }),
      timestamp: 3
    }).id
    const doneB = b.addStep({ kind: 'done', inputs: obj({ text: 'finished' }), timestamp: 4 }).id
    const view = buildDiffView(a, b, { toolCallsOnly: true })
    expect(view.firstDivergence).toEqual({ a: null, b: extra })
    expect(view.stepsA[doneA]).toBe('same')
    expect(view.stepsB[thinkB]).toBe('same')
    expect(view.stepsB[extra]).toBe('only-b')
    expect(view.stepsB[doneB]).toBe('only-b')
    expect(view.differences.map((entry) => [entry.kind, entry.b])).toEqual([
      ['only-b', extra],
      ['only-b', doneB]
    ])
    expect(view.summary).toMatchObject({ added: 2, removed: 0, changed: 0 })
  })

  it('keys tool calls by tool name and canonical arguments, keeping 1 and 1.0 apart', () => {
    const run = new Run({ id: 'k' })
    const withInt = run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'wait', arguments: obj({ seconds: 1n }) }),
      timestamp: 1
    })
    const withFloat = run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'wait', arguments: obj({ seconds: 1 }) }),
      timestamp: 2
    })
    const flat = run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'wait', seconds: 1n }),
      toolInfo: obj({ name: 'wait' }),
      timestamp: 3
    })
    const thought = run.addStep({ kind: 'think', inputs: obj({ text: 'wait' }), timestamp: 4 })
    expect(toolCallSignature(withInt)).not.toBe(toolCallSignature(withFloat))
    expect(toolCallSignature(flat)).toBe(toolCallSignature(withInt))
    expect(toolCallSignature(thought)).toBeNull()
  })
})
