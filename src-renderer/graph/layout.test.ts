import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import { buildRunGraph } from './build-run-graph'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import { chooseAlgorithm, FAST_LAYOUT_THRESHOLD } from './layout'
import { requestLayout } from './layout-client'
import { elkLayout } from './layout-elk'
import { fastLayout, topologicalOrder } from './layout-fast'
import type { LayoutCoordinates, LayoutGraph } from './layout-types'
import { walkFiles } from '../../e2e/kit/paths'
import { EXAMPLES_DIR, GUI_RUNS, loadView } from '../../e2e/kit/run-files'

/** A run-shaped DAG: mostly a chain, with forks from earlier steps and occasional merges. */
function agentLikeGraph(count: number, seed: number): LayoutGraph {
  let state = seed
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
  const ids: string[] = []
  const parents: number[][] = []
  for (let i = 0; i < count; i++) {
    ids.push(`step-${i}`)
    if (i === 0) parents.push([])
    else if (random() < 0.06) parents.push([Math.floor(random() * i)])
    else if (i > 3 && random() < 0.03) parents.push([Math.floor(random() * (i - 1)), i - 1])
    else if (random() < 0.01) parents.push([])
    else parents.push([i - 1])
  }
  return { ids, parents }
}

function expectParentsAbove(graph: LayoutGraph, at: LayoutCoordinates): void {
  const wrong: string[] = []
  graph.parents.forEach((parents, child) => {
    for (const parent of parents)
      if (!(at.y[parent] + NODE_HEIGHT <= at.y[child])) wrong.push(`${graph.ids[parent]} -> ${graph.ids[child]}`)
  })
  expect(wrong.slice(0, 5)).toEqual([])
}

/** Sweep over x: only boxes whose x ranges meet are compared. */
function expectNoOverlap(at: LayoutCoordinates): void {
  const order = Array.from(at.x.keys()).sort((a, b) => at.x[a] - at.x[b])
  for (let i = 0; i < order.length; i++) {
    const a = order[i]
    for (let j = i + 1; j < order.length && at.x[order[j]] < at.x[a] + NODE_WIDTH; j++) {
      const b = order[j]
      const apart = at.y[b] >= at.y[a] + NODE_HEIGHT || at.y[a] >= at.y[b] + NODE_HEIGHT
      if (!apart) throw new Error(`nodes ${a} and ${b} overlap at (${at.x[a]},${at.y[a]}) and (${at.x[b]},${at.y[b]})`)
    }
  }
}

const fixtureGraphs = [...walkFiles(EXAMPLES_DIR, '.tine'), ...walkFiles(GUI_RUNS, '.tine')].map(
  (file) => buildRunGraph(loadView(file)).layout
)

describe('fast lane layout', () => {
  it('puts parents above children without overlaps, for fixture runs and generated ones', () => {
    for (const graph of [...fixtureGraphs, agentLikeGraph(2000, 3), agentLikeGraph(5000, 11)]) {
      const at = fastLayout(graph)
      expectParentsAbove(graph, at)
      expectNoOverlap(at)
    }
  })

  it('is deterministic', () => {
    const graph = agentLikeGraph(3000, 5)
    const first = fastLayout(graph)
    const second = fastLayout({ ids: [...graph.ids], parents: graph.parents.map((p) => [...p]) })
    expect(Array.from(second.x)).toEqual(Array.from(first.x))
    expect(Array.from(second.y)).toEqual(Array.from(first.y))
  })

  it('keeps a plain chain in one column', () => {
    const graph: LayoutGraph = { ids: ['a', 'b', 'c', 'd'], parents: [[], [0], [1], [2]] }
    const at = fastLayout(graph)
    expect(new Set(at.x).size).toBe(1)
    expect(Array.from(at.y)).toEqual([...at.y].sort((a, b) => a - b))
  })

  it('lays out 100,000 steps in well under a few seconds', () => {
    const graph = agentLikeGraph(100_000, 7)
    const started = performance.now()
    const at = fastLayout(graph)
    const millis = performance.now() - started
    expect(millis).toBeLessThan(3000)
    expectParentsAbove(graph, at)
    expectNoOverlap(at)
  })

  it('orders steps listed before their parents (a malformed order) parents-first', () => {
    const graph: LayoutGraph = { ids: ['c', 'a', 'b'], parents: [[2], [], [1]] }
    expect(Array.from(topologicalOrder(graph))).toEqual([1, 2, 0])
    const at = fastLayout(graph)
    expectParentsAbove(graph, at)
    expectNoOverlap(at)
  })
})

describe('elk layered layout', () => {
  const elk = new ELK()

  it('puts parents above children without overlaps', async () => {
    for (const graph of [...fixtureGraphs, agentLikeGraph(60, 9)]) {
      const at = await elkLayout(graph, elk)
      expectParentsAbove(graph, at)
      expectNoOverlap(at)
    }
  })

  it('is deterministic', async () => {
    const graph = agentLikeGraph(60, 9)
    const first = await elkLayout(graph, elk)
    const second = await elkLayout(graph, elk)
    expect(Array.from(second.x)).toEqual(Array.from(first.x))
    expect(Array.from(second.y)).toEqual(Array.from(first.y))
  })
})

describe('choosing and requesting a layout', () => {
  it('uses elk up to the threshold and the lane layout beyond', () => {
    expect(chooseAlgorithm(FAST_LAYOUT_THRESHOLD)).toBe('elk')
    expect(chooseAlgorithm(FAST_LAYOUT_THRESHOLD + 1)).toBe('fast')
  })

  it('returns positions by step id (inline where no Worker exists)', async () => {
    const graph = fixtureGraphs[0]
    const outcome = await requestLayout(graph)
    expect(outcome.algorithm).toBe('elk')
    expect([...outcome.positions.keys()]).toEqual(graph.ids)
    const big = agentLikeGraph(FAST_LAYOUT_THRESHOLD + 10, 1)
    const fast = await requestLayout(big)
    expect(fast.algorithm).toBe('fast')
    const direct = fastLayout(big)
    expect(fast.positions.get(big.ids[42])).toEqual({ x: direct.x[42], y: direct.y[42] })
  })
})
