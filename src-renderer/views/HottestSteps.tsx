/** The hottest steps by the current heat measure (H toggles it, see keyboard/keymap.ts); a click selects the step in every view. */
import { useMemo } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { tineStore, useTine } from '../store/store'
import { formatHeatValue } from './heat-format'
import { heatScale, hottestSteps } from './heat'

const SHOWN = 10

export function HottestSteps({ run }: { run: RunView }) {
  const open = useTine((state) => state.hottestOpen)
  const metric = useTine((state) => state.heat)
  const selected = useTine((state) => state.selectedStepId)
  const scale = useMemo(() => (open ? heatScale(run.steps, metric) : null), [open, run.steps, metric])
  const steps = useMemo(
    () => (open && metric !== 'off' ? hottestSteps(run.steps, metric, SHOWN) : []),
    [open, run.steps, metric]
  )
  if (!open || !scale || metric === 'off') return null
  return (
    <div className="hottest-steps" data-testid="hottest-steps" role="dialog" aria-label="Hottest steps">
      <div className="hottest-head">
        <strong>Hottest steps by {metric}</strong>
        <button type="button" className="link-button" onClick={() => tineStore.getState().setHottestOpen(false)}>
          close
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="muted small">No step has any {metric}.</p>
      ) : (
        <ol>
          {steps.map((step) => {
            const heat = scale.byId.get(step.id)
            return (
              <li key={step.id}>
                <button
                  type="button"
                  className={step.id === selected ? 'hottest-row selected' : 'hottest-row'}
                  data-testid={`hottest-${step.id}`}
                  onClick={() => {
                    tineStore.getState().selectStep(step.id)
                    tineStore.getState().setSidePanel('step')
                  }}
                >
                  <span className="hottest-index">#{step.index}</span>
                  <span className="hottest-label">{step.label || step.kind}</span>
                  <span className="hottest-value">
                    {formatHeatValue(metric, heat?.value ?? 0)} · {((heat?.share ?? 0) * 100).toFixed(1)} %
                  </span>
                </button>
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}
