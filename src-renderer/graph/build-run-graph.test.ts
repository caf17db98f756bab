import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRunGraph } from './build-run-graph'
import { walkFiles } from '../../e2e/kit/paths'
import { EXAMPLES_DIR, GUI_RUNS, loadRun, loadView, viewOfRun } from '../../e2e/kit/run-files'

const MERGE_RUN = path.join(GUI_RUNS, 'demo-running.tine')
const FAILED_RUN = path.join(GUI_RUNS, 'demo-failed.tine')
const FORK_RUN = path.join(GUI_RUNS, '862afdc2511fb2e18a132b9b41e80700858cd3af4b273bfbd1e325cfa1ef4d9c.tine')

describe('buildRunGraph', () => {
  it('draws one edge per parent, the last parent as the primary line and the others as merge edges', () => {
    const view = loadView(MERGE_RUN)
    const graph = buildRunGraph(view)
    expect(graph.nodes.map((node) => node.id)).toEqual(view.steps.map((step) => step.id))
    const expected = view.steps.flatMap((step) =>
      step.parentIds.map((parent, i) => ({ source: parent, target: step.id, primary: i === step.parentIds.length - 1 }))
    )
    expect(
      graph.edges.map((edge) => ({ source: edge.source, target: edge.target, primary: edge.data?.primary }))
    ).toEqual(expected)
    const merges = view.steps.filter((step) => step.parentIds.length > 1)
    expect(merges.length).toBeGreaterThan(0)
    for (const merge of merges) {
      const incoming = graph.edges.filter((edge) => edge.target === merge.id)
      expect(incoming.map((edge) => edge.source).sort()).toEqual([...merge.parentIds].sort())
      expect(incoming.filter((edge) => edge.className?.includes('run-edge-merge'))).toHaveLength(
        merge.parentIds.length - 1
      )
      expect(graph.nodes.find((node) => node.id === merge.id)?.data.isMerge).toBe(true)
    }
  })

  it('puts every ref name on its tip and none elsewhere; the fork point shows as its badge, not a ref', () => {
    const view = loadView(FORK_RUN)
    const graph = buildRunGraph(view)
    expect(view.refs.fork_point).toBeTruthy()
    const names = Object.keys(view.refs).filter((name) => view.refs[name] && name !== 'fork_point')
    expect(names.length).toBeGreaterThan(1)
    for (const node of graph.nodes) {
      const expected = names.filter((name) => view.refs[name] === node.id).sort()
      expect(node.data.refs).toEqual(expected)
    }
  })

  it('flags error steps (error kind or a recorded error) with the error node type', () => {
    const view = loadView(FAILED_RUN)
    const graph = buildRunGraph(view)
    const errorIds = view.steps.filter((step) => step.isError).map((step) => step.id)
    expect(errorIds.length).toBeGreaterThanOrEqual(2)
    for (const node of graph.nodes) {
      const isError = errorIds.includes(node.id)
      expect(node.type).toBe(isError ? 'errorStep' : 'step')
      expect('isError' in node.data && node.data.isError === true).toBe(isError)
    }
  })

  it('gives the layout the parents as indices, and a structure key that ignores status but not new steps', () => {
    const run = loadRun(MERGE_RUN)
    const before = buildRunGraph(viewOfRun(run, MERGE_RUN))
    before.layout.parents.forEach((parents, child) => {
      expect(parents.map((index) => before.layout.ids[index])).toEqual(run.steps[child].parentIds)
    })
    run.status = 'completed'
    expect(buildRunGraph(viewOfRun(run, MERGE_RUN)).structureKey).toBe(before.structureKey)
    run.addStep({ kind: 'done', inputs: {}, outputs: {}, id: 'r5', parentIds: ['r4'] })
    const after = buildRunGraph(viewOfRun(run, MERGE_RUN))
    expect(after.structureKey).not.toBe(before.structureKey)
    expect(after.edges.some((edge) => edge.source === 'r4' && edge.target === 'r5')).toBe(true)
  })

  it('skips edges to parents the run does not hold and reports them', () => {
    const view = loadView(MERGE_RUN)
    const broken = {
      ...view,
      steps: view.steps.map((step, i) => (i === 1 ? { ...step, parentIds: ['gone', ...step.parentIds] } : step))
    }
    const graph = buildRunGraph(broken)
    expect(graph.missingParents).toEqual(['gone'])
    expect(graph.edges.some((edge) => edge.source === 'gone')).toBe(false)
    expect(graph.edges).toHaveLength(buildRunGraph(view).edges.length)
  })

  it('draws a parent named twice as one edge at its last place and a causal link to a parent not at all, few parents or many', () => {
    const loaded = loadView(MERGE_RUN)
    const steps = Array.from({ length: 12 }, (_, index) => ({
      ...loaded.steps[0],
      id: `p${index}`,
      parentIds: [],
      index
    }))
    const view = { ...loaded, steps, refs: {} }
    const roots = steps.map((step) => step.id)
    for (const named of [roots.slice(0, 3), roots]) {
      const [first] = named
      const child = {
        ...view.steps[view.steps.length - 1],
        id: 'child',
        parentIds: [...named, first, named[1]],
        causalIds: [first, 'gone', roots[roots.length - 1]]
      }
      const graph = buildRunGraph({ ...view, steps: [...view.steps, child] })
      const incoming = graph.edges.filter((edge) => edge.target === 'child')
      const ancestry = incoming.filter((edge) => edge.data?.style !== 'causal').map((edge) => edge.source)
      // Each parent once, at its last place: the list's last entry is still the primary line.
      const once = child.parentIds.filter((id, place) => child.parentIds.lastIndexOf(id) === place)
      expect(once).toHaveLength(named.length)
      expect(ancestry).toEqual(once)
      expect(incoming.filter((edge) => edge.data?.primary).map((edge) => edge.source)).toEqual([named[1]])
      const causal = incoming.filter((edge) => edge.data?.style === 'causal').map((edge) => edge.source)
      expect(causal).toEqual(named.includes(roots[roots.length - 1]) ? [] : [roots[roots.length - 1]])
      expect(graph.layout.parents[graph.layout.parents.length - 1]).toEqual(once.map((id) => roots.indexOf(id)))
    }
  })

  it('keeps the very graph for a view whose trust or status changed, and builds anew for new steps', () => {
    const view = loadView(MERGE_RUN)
    const graph = buildRunGraph(view)
    const settled = { ...view, status: 'completed', trust: { ...view.trust, integrity: 'ok' as const } }
    expect(buildRunGraph(settled, graph)).toBe(graph)
    expect(buildRunGraph({ ...settled, steps: [...view.steps] }, graph)).not.toBe(graph)
    expect(buildRunGraph({ ...settled, forkPoint: view.steps[0].id }, graph)).not.toBe(graph)
  })

  it('builds a consistent graph for every example run', () => {
    const files = walkFiles(EXAMPLES_DIR, '.tine')
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const view = loadView(file)
      const graph = buildRunGraph(view)
      const ids = new Set(graph.nodes.map((node) => node.id))
      expect(ids.size).toBe(view.steps.length)
      expect(graph.edges.length).toBe(view.steps.reduce((sum, step) => sum + step.parentIds.length, 0))
      for (const edge of graph.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true)
      expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(graph.edges.length)
    }
  })
})
