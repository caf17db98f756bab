import { describe, expect, it } from 'vitest'
import { focusTarget } from './DiffGraphs'
import type { DiffFocus } from './diff-slice'
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/geometry'
import type { Point } from '../graph/layout-types'
import { sharedFromB, viewportOfB } from './viewport-sync'

const pane = { width: 800, height: 600 }

/** Where a graph point lands on screen under a viewport. */
function onScreen(point: Point, viewport: { x: number; y: number; zoom: number }): Point {
  return { x: point.x * viewport.zoom + viewport.x, y: point.y * viewport.zoom + viewport.y }
}

function focus(partial: Partial<DiffFocus>): DiffFocus {
  return { a: null, b: null, kind: 'center', origin: 'a', seq: 1, ...partial }
}

describe('synchronised viewports', () => {
  it('a pan or zoom of B moves A by the same amount, and back', () => {
    const shift = { x: 130, y: -216 }
    const shared = { x: 40, y: -300, zoom: 0.7 }
    const b = viewportOfB(shared, shift)
    expect(sharedFromB(b, shift)).toEqual(shared)
    const panned = { ...b, x: b.x + 55, y: b.y - 20 }
    const after = sharedFromB(panned, shift)
    expect(after.x - shared.x).toBeCloseTo(55)
    expect(after.y - shared.y).toBeCloseTo(-20)
  })

  it('centres a changed pair on both sides at the same place', () => {
    const positionsA = new Map([['a1', { x: 0, y: 2000 }]])
    const positionsB = new Map([['b1', { x: 300, y: 2400 }]])
    const target = focusTarget(
      focus({ a: 'a1', b: 'b1' }),
      positionsA,
      positionsB,
      { viewport: { x: 0, y: 0, zoom: 1 }, shift: { x: 0, y: 0 } },
      pane
    )!
    const screenA = onScreen(positionsA.get('a1')!, target.viewport)
    const screenB = onScreen(positionsB.get('b1')!, viewportOfB(target.viewport, target.shift))
    expect(screenB.x).toBeCloseTo(screenA.x)
    expect(screenB.y).toBeCloseTo(screenA.y)
    expect(screenA.x + (NODE_WIDTH * target.viewport.zoom) / 2).toBeCloseTo(pane.width / 2)
    expect(screenA.y + (NODE_HEIGHT * target.viewport.zoom) / 2).toBeCloseTo(pane.height / 2)
  })

  it('clicking on B keeps B still and brings the partner in A level with it', () => {
    const positionsA = new Map([['a1', { x: 10, y: 500 }]])
    const positionsB = new Map([['b1', { x: 200, y: 700 }]])
    const current = { viewport: { x: 15, y: -120, zoom: 0.9 }, shift: { x: 0, y: 0 } }
    const before = onScreen(positionsB.get('b1')!, viewportOfB(current.viewport, current.shift))
    const target = focusTarget(
      focus({ a: 'a1', b: 'b1', kind: 'align', origin: 'b' }),
      positionsA,
      positionsB,
      current,
      pane
    )!
    const afterB = onScreen(positionsB.get('b1')!, viewportOfB(target.viewport, target.shift))
    const afterA = onScreen(positionsA.get('a1')!, target.viewport)
    expect(afterB.x).toBeCloseTo(before.x)
    expect(afterB.y).toBeCloseTo(before.y)
    expect(afterA.y).toBeCloseTo(afterB.y)
  })

  it('a one-sided step in B is centred in B without moving the alignment', () => {
    const positionsB = new Map([['b9', { x: 600, y: 900 }]])
    const current = { viewport: { x: 0, y: 0, zoom: 1 }, shift: { x: 20, y: 40 } }
    const target = focusTarget(focus({ b: 'b9', origin: 'b' }), new Map(), positionsB, current, pane)!
    expect(target.shift).toEqual(current.shift)
    const spot = onScreen(positionsB.get('b9')!, viewportOfB(target.viewport, target.shift))
    expect(spot.x + (NODE_WIDTH * target.viewport.zoom) / 2).toBeCloseTo(pane.width / 2)
  })
})
