// @vitest-environment jsdom
import path from 'node:path'
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunView } from '../../src-shared/api/types'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'
import { buildRunGraph } from './build-run-graph'
import { NODE_HEIGHT } from './geometry'
import { asDots, covers, fits, insideWindow, useGraphWindow, visibleRect, windowAround } from './graph-window'
import { fastLayout } from './layout-fast'
import { positionsById } from './layout-types'
import { placeNodes } from './placed-nodes'

/** A long run: a main line with a three-step side branch every 40 steps, from an example's step. */
function bigGraph(steps: number) {
  const example = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
  const template = example.steps[1]
  const summaries: RunView['steps'] = []
  let main = ''
  for (let index = 0; index < steps; index++) {
    const id = `s${index}`
    const branch = index % 40 >= 37 && main !== ''
    const parent = branch && index % 40 === 37 ? main : branch ? `s${index - 1}` : main
    summaries.push({ ...template, id, index, parentIds: parent ? [parent] : [], causalIds: [] })
    if (!branch) main = id
  }
  const graph = buildRunGraph({ ...example, steps: summaries })
  const positions = positionsById(graph.layout, fastLayout(graph.layout))
  return { ...placeNodes(graph, positions), positions }
}

describe('the window of a big graph handed to React Flow', () => {
  const { nodes, edges, positions } = bigGraph(3000)
  const pane = { width: 1400, height: 900 }
  const middle = positions.get(nodes[1500].id)!
  const viewport = { x: -middle.x + 600, y: -middle.y + 400, zoom: 1 }
  const view = visibleRect(viewport, pane)
  const frame = windowAround(view)

  it('holds every step on screen, a few hundred at most, and each edge with both its ends', () => {
    const shown = insideWindow(nodes, edges, frame)
    const onScreen = nodes.filter(
      (node) =>
        node.position.x + 1 > view.x - 400 &&
        node.position.x < view.x + view.width &&
        node.position.y + NODE_HEIGHT > view.y &&
        node.position.y < view.y + view.height
    )
    expect(onScreen.length).toBeGreaterThan(0)
    const ids = new Set(shown.nodes.map((node) => node.id))
    for (const node of onScreen) expect(ids.has(node.id)).toBe(true)
    expect(shown.nodes.length).toBeLessThan(nodes.length / 5)
    for (const edge of shown.edges) {
      expect(ids.has(edge.source)).toBe(true)
      expect(ids.has(edge.target)).toBe(true)
    }
    // Every edge out of a step on screen is drawn.
    const shownEdges = new Set(shown.edges.map((edge) => edge.id))
    for (const edge of edges)
      if (onScreen.some((node) => node.id === edge.source)) expect(shownEdges.has(edge.id)).toBe(true)
    // The very node objects, in the graph's order.
    const order = nodes.filter((node) => ids.has(node.id))
    expect(shown.nodes).toEqual(order)
    for (let i = 0; i < order.length; i++) expect(shown.nodes[i]).toBe(order[i])
  })

  it('moves only when the view leaves it', () => {
    expect(covers(frame, view)).toBe(true)
    const panned = visibleRect({ ...viewport, y: viewport.y - view.height * 0.9 }, pane)
    expect(covers(frame, panned)).toBe(true)
    const far = visibleRect({ ...viewport, y: viewport.y - view.height * 1.5 }, pane)
    expect(covers(frame, far)).toBe(false)
    // Zooming out to a third shows three times the flow each way: more than the window holds.
    expect(covers(frame, visibleRect({ ...viewport, zoom: 0.3 }, pane))).toBe(false)
  })

  it('is replaced by a smaller one once the view zooms back in', () => {
    // An animated jump zooms far out on the way and back in at the end.
    const outView = {
      x: view.x - view.width * 10,
      y: view.y - view.height * 10,
      width: view.width * 21,
      height: view.height * 21
    }
    const wide = windowAround(outView)
    expect(covers(wide, view)).toBe(true)
    expect(fits(wide, outView)).toBe(true)
    expect(fits(wide, view)).toBe(false)
    expect(fits(frame, view)).toBe(true)
  })

  it('hands React Flow nothing before the first viewport when enabled, and everything when not', () => {
    const hook = renderHook(({ enabled }) => useGraphWindow(enabled, 'big.tine', nodes, edges), {
      initialProps: { enabled: true }
    })
    expect(hook.result.current.nodes).toEqual([])
    expect(hook.result.current.edges).toEqual([])
    act(() => hook.result.current.track(viewport, pane))
    const shown = insideWindow(nodes, edges, frame)
    expect(hook.result.current.nodes.map((node) => node.id)).toEqual(shown.nodes.map((node) => node.id))
    expect(hook.result.current.edges).toHaveLength(shown.edges.length)
    hook.rerender({ enabled: false })
    expect(hook.result.current.nodes).toBe(nodes)
    expect(hook.result.current.edges).toBe(edges)
  })

  it('draws zoomed-out steps as dots, one dot object per node, with the same data and place', () => {
    const some = nodes.slice(0, 50)
    const dots = asDots(some)
    expect(dots.map((dot) => dot.type)).toEqual(some.map(() => 'stepDot'))
    expect(dots.map((dot) => [dot.id, dot.data, dot.position])).toEqual(
      some.map((node) => [node.id, node.data, node.position])
    )
    const again = asDots(nodes.slice(25, 75))
    for (let i = 0; i < 25; i++) expect(again[i]).toBe(dots[25 + i])
  })
})
