import { describe, expect, test } from 'vitest'
import { dotGridPlacement, MIN_PERIOD_ON_SCREEN } from './dot-grid'

const GAP = 24
const SIZE = 1

/** Screen x of the dots the placed grid draws (one axis; y is the same function). */
function dotsOnScreen(x: number, zoom: number, paneWidth: number): number[] {
  const { period, offsetX, scale } = dotGridPlacement([x, 0, zoom], GAP, SIZE)
  const width = (paneWidth + 2 * period) * scale
  const dots: number[] = []
  for (let centre = offsetX + (period * scale) / 2; centre < offsetX + width; centre += period * scale)
    dots.push(centre)
  return dots
}

describe('dotGridPlacement', () => {
  const viewports: Array<[number, number]> = [
    [0, 1],
    [13.5, 1],
    [-977.25, 0.37],
    [40_000, 0.05],
    [-3, 1.99],
    [250, 2],
    [0.4, 0.5]
  ]

  test.each(viewports)('puts a dot at every gap of graph space, on screen, at x=%s zoom=%s', (x, zoom) => {
    for (const dot of dotsOnScreen(x, zoom, 800)) {
      const graphX = (dot - x) / zoom
      expect(Math.abs(graphX / GAP - Math.round(graphX / GAP))).toBeLessThan(1e-6)
    }
  })

  test.each(viewports)('covers the whole pane and keeps its offsets within one period, at x=%s zoom=%s', (x, zoom) => {
    const { period, offsetX, scale } = dotGridPlacement([x, 0, zoom], GAP, SIZE)
    expect(offsetX).toBeLessThan(0)
    expect(offsetX).toBeGreaterThanOrEqual(-period * scale)
    expect(offsetX + (800 + 2 * period) * scale).toBeGreaterThanOrEqual(800)
    const dots = dotsOnScreen(x, zoom, 800)
    expect(dots[0]).toBeLessThanOrEqual(period * scale)
    expect(dots[dots.length - 1]).toBeGreaterThanOrEqual(800 - period * scale)
  })

  test('draws the dots at a power of two of the zoom and scales them by less than 2 from there', () => {
    for (const zoom of [0.05, 0.3, 0.5, 0.99, 1, 1.5, 2]) {
      const { period, radius, scale } = dotGridPlacement([0, 0, zoom], GAP, SIZE)
      expect(Number.isInteger(Math.log2(period / GAP))).toBe(true)
      expect(scale).toBeGreaterThanOrEqual(1)
      expect(scale).toBeLessThan(2)
      expect(period * scale).toBeCloseTo(GAP * zoom, 9)
      expect(radius * scale).toBeCloseTo((SIZE * zoom) / 2, 9)
    }
  })

  test('is not drawn once its dots are too dense to see, as at the smallest zoom', () => {
    expect(dotGridPlacement([0, 0, 1], GAP, SIZE).visible).toBe(true)
    expect(dotGridPlacement([0, 0, MIN_PERIOD_ON_SCREEN / GAP], GAP, SIZE).visible).toBe(true)
    expect(dotGridPlacement([0, 0, (MIN_PERIOD_ON_SCREEN - 0.1) / GAP], GAP, SIZE).visible).toBe(false)
    expect(dotGridPlacement([0, 0, 0.05], GAP, SIZE).visible).toBe(false)
  })

  test('keeps the drawn grid while zooming within an octave, so only the transform changes', () => {
    const a = dotGridPlacement([10, 20, 1.1], GAP, SIZE)
    const b = dotGridPlacement([10, 20, 1.8], GAP, SIZE)
    expect([a.period, a.radius]).toEqual([b.period, b.radius])
    expect(a.scale).not.toBe(b.scale)
  })
})
