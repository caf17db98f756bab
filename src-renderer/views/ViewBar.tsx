/** Switches between the run's views, picks the heat measure, and shares the run (link, standalone HTML). */
import type { RunView } from '../../src-shared/api/types'
import { tineStore, useTine } from '../store/store'
import { ShareButtons } from './ShareButtons'
import { HEAT_METRICS, type HeatMetric } from './heat'
import { RUN_VIEW_KINDS, type RunViewKind } from './views-slice'

const LABELS: Record<RunViewKind, string> = { graph: 'Graph', timeline: 'Timeline', outline: 'Outline', table: 'Table' }

export function ViewBar({ run }: { run: RunView }) {
  const kind = useTine((state) => state.runViewKind)
  const heat = useTine((state) => state.heat)
  return (
    <div className="view-bar">
      <nav className="view-tabs" role="tablist" aria-label="Views of this run">
        {RUN_VIEW_KINDS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={kind === id}
            className={kind === id ? 'tab active' : 'tab'}
            data-testid={`view-${id}`}
            onClick={() => tineStore.getState().setRunViewKind(id)}
          >
            {LABELS[id]}
          </button>
        ))}
      </nav>
      <label className="heat-picker">
        Heat{' '}
        <select
          value={heat}
          onChange={(event) => tineStore.getState().setHeat(event.target.value as HeatMetric)}
          data-testid="heat-select"
        >
          {HEAT_METRICS.map((metric) => (
            <option key={metric} value={metric}>
              {metric === 'off' ? 'off' : `by ${metric}`}
            </option>
          ))}
        </select>
      </label>
      <div className="toolbar-spacer" />
      <ShareButtons run={run} />
    </div>
  )
}
