/** Signed spellings of B-minus-A deltas for the summary and the pair panel. */
import { formatCost, formatDuration, formatTokens } from '../lib/format'

export type DeltaTone = 'up' | 'down' | 'none'

export function deltaTone(delta: number): DeltaTone {
  if (!Number.isFinite(delta) || Math.abs(delta) < 1e-12) return 'none'
  return delta > 0 ? 'up' : 'down'
}

function signed(delta: number, magnitude: string): string {
  const tone = deltaTone(delta)
  if (tone === 'none') return '±0'
  return `${tone === 'up' ? '+' : '−'}${magnitude}`
}

export const costDelta = (delta: number) => signed(delta, formatCost(Math.abs(delta)))
export const tokenDelta = (delta: number) => signed(delta, formatTokens(Math.round(Math.abs(delta))))
export const durationDelta = (delta: number) => signed(delta, formatDuration(Math.abs(delta)))
export const countDelta = (delta: number) => signed(delta, Math.abs(delta).toLocaleString('en-US'))
