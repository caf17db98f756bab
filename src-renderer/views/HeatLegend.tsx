/** The heat scale in words: which measure, its run total, and the share the hottest step takes. */
import { useMemo } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { useTine } from '../store/store'
import { formatHeatValue } from './heat-format'
import { heatColor, heatScale } from './heat'

export function HeatLegend({ run }: { run: RunView }) {
  const metric = useTine((state) => state.heat)
  const scale = useMemo(() => heatScale(run.steps, metric), [run.steps, metric])
  if (!scale) return null
  const maxShare = scale.total > 0 ? scale.max / scale.total : 0
  const stops = [0.05, 0.25, 0.5, 0.75, 1].map((t) => heatColor(t)).join(', ')
  return (
    <div className="heat-legend" data-testid="heat-legend">
      <span>
        Heat: <strong>{metric}</strong> as a share of the run&apos;s {formatHeatValue(metric, scale.total)}
      </span>
      <span className="heat-ramp" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" />
      <span className="muted">0 % … {(maxShare * 100).toFixed(1)} % (hottest step)</span>
      <span className="muted">H: hottest steps</span>
    </div>
  )
}
