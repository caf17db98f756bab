/**
 * Heat: each step's cost, tokens or duration as a share of the run's total, and the colour that
 * share gets. Intensity is relative to the hottest step, so one dominant step does not wash out the rest.
 */
import type { StepSummary } from '../../src-shared/api/types'

export type HeatMetric = 'off' | 'cost' | 'tokens' | 'duration'
export const HEAT_METRICS: HeatMetric[] = ['off', 'cost', 'tokens', 'duration']

export interface HeatScale {
  metric: Exclude<HeatMetric, 'off'>
  total: number
  max: number
  /** Per step id: the value, its share of the total (0..1) and its intensity relative to the hottest (0..1). */
  byId: Map<string, { value: number; share: number; intensity: number }>
}

export function heatValue(step: StepSummary, metric: Exclude<HeatMetric, 'off'>): number {
  const value = metric === 'cost' ? step.cost : metric === 'tokens' ? (step.tokens ?? 0) : step.duration
  return Number.isFinite(value) && value > 0 ? value : 0
}

export function heatScale(steps: readonly StepSummary[], metric: HeatMetric): HeatScale | null {
  if (metric === 'off') return null
  let total = 0
  let max = 0
  for (const step of steps) {
    const value = heatValue(step, metric)
    total += value
    if (value > max) max = value
  }
  const byId = new Map<string, { value: number; share: number; intensity: number }>()
  for (const step of steps) {
    const value = heatValue(step, metric)
    byId.set(step.id, { value, share: total > 0 ? value / total : 0, intensity: max > 0 ? value / max : 0 })
  }
  return { metric, total, max, byId }
}

/** Cold (transparent) through amber to red; the same ramp in both themes, blended over the node colour. */
export function heatColor(intensity: number): string {
  if (intensity <= 0) return 'transparent'
  const t = Math.min(1, intensity)
  const hue = Math.round(48 - 48 * t)
  const alpha = (0.18 + 0.72 * t).toFixed(2)
  return `hsl(${hue} 95% 50% / ${alpha})`
}

/** The `count` hottest steps, hottest first (ties in graph order). */
export function hottestSteps(
  steps: readonly StepSummary[],
  metric: Exclude<HeatMetric, 'off'>,
  count: number
): StepSummary[] {
  return steps
    .filter((step) => heatValue(step, metric) > 0)
    .sort((a, b) => heatValue(b, metric) - heatValue(a, metric) || a.index - b.index)
    .slice(0, count)
}
