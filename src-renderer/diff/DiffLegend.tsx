/** What the colours mean. */
const ENTRIES: { state: string; label: string; title: string }[] = [
  { state: 'shared', label: 'shared', title: 'the same step in both runs (dimmed)' },
  { state: 'same', label: 'same', title: 'paired with a step that does the same' },
  { state: 'changed', label: 'changed', title: 'paired, but something differs' },
  { state: 'only-a', label: 'only in A', title: 'no counterpart in B (removed)' },
  { state: 'only-b', label: 'only in B', title: 'no counterpart in A (added)' }
]

export function DiffLegend() {
  return (
    <ul className="diff-legend" aria-label="Legend" data-testid="diff-legend">
      {ENTRIES.map((entry) => (
        <li key={entry.state} title={entry.title}>
          <span className={`legend-swatch legend-${entry.state}`} aria-hidden="true" /> {entry.label}
        </li>
      ))}
      <li title="where the runs first part ways">
        <span className="diff-badge diff-badge-divergence">first divergence</span>
      </li>
    </ul>
  )
}
