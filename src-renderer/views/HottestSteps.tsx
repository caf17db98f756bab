/** The hottest steps by the current heat measure (H toggles it); a click selects the step in every view. */
import { useEffect, useMemo } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { tineStore, useTine } from '../store/store'
import { formatHeatValue } from './heat-format'
import { heatScale, hottestSteps } from './heat'

const SHOWN = 10

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || typeof element.tagName !== 'string') return false
  return (
    element.tagName === 'INPUT' ||
    element.tagName === 'TEXTAREA' ||
    element.tagName === 'SELECT' ||
    element.isContentEditable
  )
}

/** H opens the list (turning heat on by cost when it is off); Escape or H again closes it. */
export function useHottestShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
      const state = tineStore.getState()
      if (!state.openRun) return
      if (event.key === 'h' || event.key === 'H') {
        if (state.heat === 'off') state.setHeat('cost')
        state.setHottestOpen(!state.hottestOpen)
      } else if (event.key === 'Escape' && state.hottestOpen) state.setHottestOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

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
