import { describe, expect, it } from 'vitest'
import type { StepSummary } from '../../src-shared/api/types'
import { buildTimeline, firstStartingAt } from './timeline-model'

function step(index: number, timestamp: number, duration: number): StepSummary {
  return {
    id: `s${index}`,
    parentIds: [],
    kind: 'tool',
    label: '',
    model: '',
    cost: 0,
    duration,
    timestamp,
    isError: false,
    index
  }
}

describe('buildTimeline', () => {
  it('puts steps running at the same time in separate lanes and reuses freed lanes', () => {
    const model = buildTimeline([step(0, 100, 10), step(1, 102, 3), step(2, 106, 2), step(3, 111, 1)])
    expect(model.laneCount).toBe(2)
    expect(model.lane[0]).not.toBe(model.lane[1])
    // Step 1 ended at 105, so step 2 reuses its lane; step 3 starts after everything and takes lane 0.
    expect(model.lane[2]).toBe(model.lane[1])
    expect(model.lane[3]).toBe(0)
    expect(model.start[0]).toBe(0)
    expect(model.end[0]).toBe(10)
  })

  it('compresses a long idle gap and records how long it really was', () => {
    const model = buildTimeline([step(0, 1000, 2), step(1, 1003, 2), step(2, 1000 + 7200, 2)])
    expect(model.gaps).toHaveLength(1)
    expect(model.gaps[0].real).toBeCloseTo(7195)
    expect(model.span).toBeLessThan(60)
    expect(model.start[2] - model.end[1]).toBeCloseTo(model.gaps[0].drawn)
  })

  it('places steps without a timestamp after the previous one', () => {
    const model = buildTimeline([step(0, 0, 1), step(1, 0, 2)])
    expect(model.estimated).toBe(2)
    expect(model.start[1]).toBe(1)
    expect(model.laneCount).toBe(1)
  })

  it('finds the first step starting at a time by binary search', () => {
    const model = buildTimeline([step(0, 10, 1), step(1, 12, 1), step(2, 14, 1)])
    expect(firstStartingAt(model, 0)).toBe(0)
    expect(firstStartingAt(model, 2.5)).toBe(2)
    expect(firstStartingAt(model, 100)).toBe(3)
  })

  it('lays out 100,000 steps', () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => step(i, 1_700_000_000 + i * 0.5, i % 7 === 0 ? 1.2 : 0.3))
    const model = buildTimeline(steps)
    expect(model.order.length).toBe(100_000)
    expect(model.laneCount).toBeGreaterThan(1)
    expect(model.laneCount).toBeLessThan(10)
  })
})
