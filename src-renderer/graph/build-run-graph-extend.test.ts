import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAfterPatch } from '../store/run-slice'
import { buildRunGraph } from './build-run-graph'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'

const RUNS = ['research-agent.tine', 'incident-merge.tine', 'research-agent-retry.tine'].map((name) =>
  path.join(EXAMPLES_DIR, name)
)

describe('extending the graph of a run grown by live patches', () => {
  it.each(RUNS)('builds the same graph as a full build, reusing the earlier nodes (%s)', (file) => {
    const full = loadView(file)
    let view = { ...full, steps: full.steps.slice(0, 1) }
    let graph = buildRunGraph(view)
    for (let count = 2; count <= full.steps.length; count++) {
      const next = runAfterPatch(view, {
        file: full.file,
        runId: full.runId,
        steps: full.steps.slice(count - 1, count),
        stepCount: count
      })!
      const extended = buildRunGraph(next, graph)
      for (let i = 0; i < graph.nodes.length; i++) expect(extended.nodes[i]).toBe(graph.nodes[i])
      const rebuilt = buildRunGraph(next)
      expect({ ...extended, basis: null }).toEqual({ ...rebuilt, basis: null })
      view = next
      graph = extended
    }
  })

  it('grows the newest graph in place, and copies its part when an older graph of the line is extended', () => {
    const full = loadView(RUNS[0])
    const patch = (view: typeof full, count: number) =>
      runAfterPatch(view, {
        file: full.file,
        runId: full.runId,
        steps: full.steps.slice(view.steps.length, count),
        stepCount: count
      })!
    const three = { ...full, steps: full.steps.slice(0, 3) }
    const base = buildRunGraph(three)
    const grown = buildRunGraph(patch(three, 5), base)
    // A live step costs the new steps only: the arrays are the base graph's, not copies of them.
    expect(grown.nodes).toBe(base.nodes)
    expect(grown.layout.ids).toBe(base.layout.ids)
    expect(grown.layout.parents).toBe(base.layout.parents)
    // `base` was grown past its own end: extending it again must not see `grown`'s steps.
    const again = buildRunGraph(patch(three, 4), base)
    expect(again.nodes).not.toBe(base.nodes)
    expect({ ...again, basis: null }).toEqual({ ...buildRunGraph(patch(three, 4)), basis: null })
    expect({ ...grown, basis: null }).toEqual({ ...buildRunGraph(patch(three, 5)), basis: null })
  })

  it('rebuilds from scratch after a reload (new step objects)', () => {
    const full = loadView(RUNS[0])
    const graph = buildRunGraph({ ...full, steps: full.steps.slice(0, 3) })
    const reloaded = loadView(RUNS[0])
    const next = buildRunGraph(reloaded, graph)
    expect(next.nodes[0]).not.toBe(graph.nodes[0])
    expect(next.nodes.map((node) => node.id)).toEqual(reloaded.steps.map((step) => step.id))
  })
})
