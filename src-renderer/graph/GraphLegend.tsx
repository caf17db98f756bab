/** What the graph's colours and lines mean: node kinds, error and fork-point marks, edge styles. */
import { KindIcon } from './KindIcon'
import { kindStyle } from './kinds'

const KINDS = ['think', 'tool', 'model', 'done', 'error']

const EDGES: { style: string; label: string }[] = [
  { style: 'primary', label: 'parent (main line)' },
  { style: 'merge', label: 'merge: another parent' },
  { style: 'causal', label: 'causal: depends on' },
  { style: 'fork', label: 'after the fork point' }
]

export function GraphLegend() {
  return (
    <div className="graph-legend" data-testid="graph-legend" role="note" aria-label="Legend">
      <div className="legend-group">
        {KINDS.map((kind) => (
          <span key={kind} className="legend-item" style={{ color: `var(${kindStyle(kind).colorVar})` }}>
            <KindIcon kind={kind} /> {kind}
          </span>
        ))}
        <span className="legend-item">
          <span className="legend-fork-point">fork point</span>
        </span>
      </div>
      <div className="legend-group">
        {EDGES.map((edge) => (
          <span key={edge.style} className="legend-item" data-edge={edge.style}>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="1" y1="4" x2="27" y2="4" className={`legend-edge legend-edge-${edge.style}`} />
            </svg>
            {edge.label}
          </span>
        ))}
      </div>
    </div>
  )
}
