import { describe, expect, it } from 'vitest'
import type { StepSummary } from '../../src-shared/api/types'
import { heatScale, hottestSteps } from './heat'

const step = (index: number, cost: number, tokens: number, duration: number): StepSummary => ({
  id: `s${index}`,
  parentIds: [],
  kind: 'model',
  label: '',
  model: '',
  cost,
  tokens,
  duration,
  timestamp: 0,
  isError: false,
  index
})

describe('heat', () => {
  const steps = [step(0, 0.01, 100, 1), step(1, 0.03, 50, 4), step(2, 0, 0, 0.5), step(3, 0.01, 400, 1)]

  it('gives each step its share of the total and full intensity to the hottest', () => {
    const scale = heatScale(steps, 'cost')!
    expect(scale.total).toBeCloseTo(0.05)
    expect(scale.byId.get('s1')).toEqual({ value: 0.03, share: expect.closeTo(0.6), intensity: 1 })
    expect(scale.byId.get('s2')?.intensity).toBe(0)
    expect(heatScale(steps, 'off')).toBeNull()
  })

  it('ranks the hottest steps by the chosen measure, ties in graph order, zero left out', () => {
    expect(hottestSteps(steps, 'tokens', 10).map((s) => s.id)).toEqual(['s3', 's0', 's1'])
    expect(hottestSteps(steps, 'cost', 2).map((s) => s.id)).toEqual(['s1', 's0'])
  })
})
