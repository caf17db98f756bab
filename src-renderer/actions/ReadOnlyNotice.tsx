/** Says why a run cannot be changed. Shown wherever write actions would otherwise be. */
export function ReadOnlyNotice({ reason, compact = false }: { reason: string; compact?: boolean }) {
  return (
    <div className={`read-only-notice${compact ? ' compact' : ''}`} role="note" data-testid="read-only-notice">
      <strong>Read-only.</strong> {reason}. Fork, retry, pause and resume are not offered for this file.
    </div>
  )
}
