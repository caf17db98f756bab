// @vitest-environment jsdom
import path from 'node:path'
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunView } from '../../src-shared/api/types'
import { EXAMPLES_DIR, loadView } from '../../e2e/kit/run-files'
import { buildRunGraph, type RunGraph } from './build-run-graph'
import type { Point } from './layout-types'
import { useGraphLayout, type GraphLayoutOptions } from './use-graph-layout'

type Outcome = { positions: Map<string, Point> }

/** A layout engine whose answers the test releases by hand, in any order. */
function manualLayout() {
  const requests: Array<{ graph: RunGraph; resolve(outcome: Outcome): void; reject(error: Error): void }> = []
  const options: GraphLayoutOptions<Outcome> = {
    request: (_file, graph) => new Promise<Outcome>((resolve, reject) => requests.push({ graph, resolve, reject }))
  }
  return { requests, options }
}

function positionsOf(graph: RunGraph, x: number): Map<string, Point> {
  return new Map(graph.layout.ids.map((id, index) => [id, { x, y: index * 100 }]))
}

const full = loadView(path.join(EXAMPLES_DIR, 'research-agent.tine'))
const first: RunView = { ...full, steps: full.steps.slice(0, 3) }

/** The hook over `graph`, asking `engine`; rerender with `{ graph }` to hand it another. */
function renderLayout(engine: ReturnType<typeof manualLayout>, graph: RunGraph) {
  return renderHook(({ graph: current }) => useGraphLayout(first.file, current, engine.options), {
    initialProps: { graph }
  })
}

describe('useGraphLayout', () => {
  it('asks once per structure: a change that keeps the structure asks nothing', async () => {
    const engine = manualLayout()
    const graph = buildRunGraph(first)
    const hook = renderLayout(engine, graph)
    expect(engine.requests).toHaveLength(1)
    expect(hook.result.current).toEqual({ laidOut: null, done: false, error: null })
    await act(async () => engine.requests[0].resolve({ positions: positionsOf(graph, 1) }))
    expect(hook.result.current.done).toBe(true)
    hook.rerender({ graph: buildRunGraph({ ...first, status: 'failed' }) })
    expect(engine.requests).toHaveLength(1)
    expect(hook.result.current.done).toBe(true)
  })

  it('keeps the previous positions while a grown run is laid out, and drops a stale answer', async () => {
    const engine = manualLayout()
    const small = buildRunGraph(first)
    const grown = buildRunGraph({ ...full, steps: full.steps.slice(0, 5) })
    const hook = renderLayout(engine, small)
    await act(async () => engine.requests[0].resolve({ positions: positionsOf(small, 1) }))
    const shown = hook.result.current.laidOut
    hook.rerender({ graph: grown })
    expect(engine.requests).toHaveLength(2)
    // Laid out for the old structure: still shown, but not done for the new one.
    expect(hook.result.current).toEqual({ laidOut: shown, done: false, error: null })
    const back = buildRunGraph(first)
    hook.rerender({ graph: back })
    // The answer for `grown` arrives after the structure moved on: it must not be shown.
    await act(async () => engine.requests[1].resolve({ positions: positionsOf(grown, 2) }))
    expect(hook.result.current.laidOut).toBe(shown)
    await act(async () => engine.requests[2].resolve({ positions: positionsOf(back, 3) }))
    expect(hook.result.current.laidOut?.positions.get(first.steps[0].id)?.x).toBe(3)
    expect(hook.result.current.done).toBe(true)
  })

  it('gives a new result when an extended layout answers with the same positions map, grown in place', async () => {
    const engine = manualLayout()
    const small = buildRunGraph(first)
    const grown = buildRunGraph({ ...full, steps: full.steps.slice(0, 4) })
    const hook = renderLayout(engine, small)
    const positions = positionsOf(small, 1)
    await act(async () => engine.requests[0].resolve({ positions }))
    const before = hook.result.current.laidOut
    hook.rerender({ graph: grown })
    positions.set(full.steps[3].id, { x: 1, y: 300 })
    await act(async () => engine.requests[1].resolve({ positions }))
    // What the nodes are placed from must change, or the new step would never be drawn.
    expect(hook.result.current.done).toBe(true)
    expect(hook.result.current.laidOut).not.toBe(before)
    expect(hook.result.current.laidOut?.positions).toBe(positions)
  })

  it('uses known positions at once, and reports a failed layout for the structure it failed on', async () => {
    const engine = manualLayout()
    const graph = buildRunGraph(first)
    const known = positionsOf(graph, 7)
    const cachedHook = renderHook(() => useGraphLayout(first.file, graph, { ...engine.options, cached: () => known }))
    expect(engine.requests).toHaveLength(0)
    expect(cachedHook.result.current.laidOut?.positions).toBe(known)
    expect(cachedHook.result.current.done).toBe(true)

    const failing = renderHook(() => useGraphLayout(first.file, graph, engine.options))
    await act(async () => engine.requests[0].reject(new Error('layout failed: too wide')))
    expect(failing.result.current).toEqual({ laidOut: null, done: false, error: 'layout failed: too wide' })
  })
})
