import { describe, expect, it } from 'vitest'
import { fastLayout } from './layout-fast'
import { extendLayout, extendsLayout, placedLayout } from './layout-extend'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import { positionsById, type LayoutGraph, type Point } from './layout-types'

/** A chain of `length` steps with a side branch forking at step 2, as an agent run with a retry would grow. */
function chain(length: number): LayoutGraph {
  const ids = Array.from({ length }, (_, i) => `s${i}`)
  const parents = ids.map((_, i) => (i === 0 ? [] : i === 5 ? [2] : [i - 1]))
  return { ids, parents }
}

function overlapping(points: Point[]): boolean {
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (Math.abs(points[i].x - points[j].x) < NODE_WIDTH && Math.abs(points[i].y - points[j].y) < NODE_HEIGHT)
        return true
    }
  }
  return false
}

describe('extending a layout by appended steps', () => {
  it('keeps every earlier position and puts each new step below its parents, without overlaps', () => {
    const small = chain(4)
    const positions = positionsById(small, fastLayout(small))
    const before = new Map([...positions].map(([id, point]) => [id, { ...point }]))
    const grown = chain(12)
    const extended = extendLayout(placedLayout(small, positions), grown)
    expect(extended).not.toBeNull()
    for (const [id, point] of before) expect(extended!.positions.get(id)).toEqual(point)
    for (let i = 4; i < grown.ids.length; i++) {
      const point = extended!.positions.get(grown.ids[i])!
      for (const parent of grown.parents[i])
        expect(point.y).toBeGreaterThan(extended!.positions.get(grown.ids[parent])!.y)
    }
    expect(overlapping([...extended!.positions.values()])).toBe(false)
  })

  it('grows step by step the same way as in one go', () => {
    const start = chain(3)
    let layout = placedLayout(start, positionsById(start, fastLayout(start)))
    for (let length = 4; length <= 10; length++) layout = extendLayout(layout, chain(length))!
    const start2 = chain(3)
    const once = extendLayout(placedLayout(start2, positionsById(start2, fastLayout(start2))), chain(10))!
    expect([...layout.positions]).toEqual([...once.positions])
  })

  it('extends a graph grown in place (sharing its arrays) from the count it was placed at', () => {
    const graph = chain(4)
    const layout = placedLayout(graph, positionsById(graph, fastLayout(graph)))
    const grown = chain(7)
    for (let i = 4; i < 7; i++) {
      graph.ids.push(grown.ids[i])
      graph.parents.push(grown.parents[i])
    }
    // The same arrays, now 7 long: the 4 placed steps are the prefix, 3 are new.
    expect(extendsLayout(graph, graph, 4)).toBe(true)
    const extended = extendLayout(layout, graph)!
    expect(extended.count).toBe(7)
    expect(grown.ids.every((id) => extended.positions.has(id))).toBe(true)
    const once = extendLayout(placedLayout(chain(4), positionsById(chain(4), fastLayout(chain(4)))), grown)!
    expect([...extended.positions]).toEqual([...once.positions])
  })

  it('refuses graphs that are not the same steps with more after them', () => {
    const base = chain(5)
    expect(extendsLayout(base, chain(5))).toBe(false)
    expect(extendsLayout(base, { ids: ['other', ...chain(6).ids.slice(1)], parents: chain(6).parents })).toBe(false)
    expect(extendLayout(placedLayout(base, positionsById(base, fastLayout(base))), chain(3))).toBeNull()
  })
})
