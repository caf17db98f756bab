/** A heat measure's value in its own unit. */
import { formatCost, formatDuration, formatTokens } from '../lib/format'
import type { HeatMetric } from './heat'

export function formatHeatValue(metric: HeatMetric, value: number): string {
  if (metric === 'cost') return formatCost(value)
  if (metric === 'tokens') return `${formatTokens(value)} tokens`
  if (metric === 'duration') return formatDuration(value)
  return String(value)
}
