import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAfterPatch } from '../store/run-slice'
import { buildRunGraph } from './build-run-graph'
import { fastLayout } from './layout-fast'
import { extendLayout, placedLayout } from './layout-extend'
import { positionsById } from './layout-types'
import { placeNodes } from './placed-nodes'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'

describe('placing a graph that grows by live patches', () => {
  it('keeps the placed objects of earlier nodes and places every new one where the layout put it', () => {
    const full = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
    let view = { ...full, steps: full.steps.slice(0, 2) }
    let graph = buildRunGraph(view)
    let layout = placedLayout(graph.layout, positionsById(graph.layout, fastLayout(graph.layout)))
    let placed = placeNodes(graph, layout.positions)
    for (let count = 3; count <= full.steps.length; count++) {
      view = runAfterPatch(view, {
        file: full.file,
        runId: full.runId,
        steps: full.steps.slice(count - 1, count),
        stepCount: count
      })!
      graph = buildRunGraph(view, graph)
      layout = extendLayout(layout, graph.layout)!
      const next = placeNodes(graph, layout.positions)
      for (let i = 0; i < placed.nodes.length; i++) expect(next.nodes[i]).toBe(placed.nodes[i])
      expect(next.nodes.map((node) => [node.id, node.position])).toEqual(
        graph.nodes.map((node) => [node.id, layout.positions.get(node.id)])
      )
      expect(next.edges).toEqual(graph.edges)
      placed = next
    }
  })

  it('places a reloaded graph from scratch', () => {
    const full = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
    const graph = buildRunGraph(full)
    const positions = positionsById(graph.layout, fastLayout(graph.layout))
    const first = placeNodes(graph, positions)
    const reloaded = buildRunGraph(loadView(path.join(EXAMPLES_DIR, 'research-agent.tine')))
    const second = placeNodes(reloaded, positions)
    expect(second.nodes[0]).not.toBe(first.nodes[0])
    expect(second.nodes.map((node) => node.id)).toEqual(reloaded.nodes.map((node) => node.id))
  })

  it('leaves out a step the layout has not placed yet, with its edges, and nothing else', () => {
    const full = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
    const graph = buildRunGraph(full)
    const positions = positionsById(graph.layout, fastLayout(graph.layout))
    const waiting = graph.nodes[2].id
    positions.delete(waiting)
    const placed = placeNodes(graph, positions)
    expect(placed.nodes.map((node) => node.id)).toEqual(
      graph.nodes.map((node) => node.id).filter((id) => id !== waiting)
    )
    const touching = graph.edges.filter((edge) => edge.source === waiting || edge.target === waiting)
    expect(touching.length).toBeGreaterThan(0)
    expect(placed.edges).toEqual(graph.edges.filter((edge) => !touching.includes(edge)))
  })
})
