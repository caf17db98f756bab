/**
 * Says why a run cannot be changed freely. Shown wherever write actions would otherwise be. A run
 * that failed its integrity check may still be written after the user confirms it in the write's dialog.
 */
export function ReadOnlyNotice({
  reason,
  overridable = false,
  compact = false
}: {
  reason: string
  overridable?: boolean
  compact?: boolean
}) {
  return (
    <div className={`read-only-notice${compact ? ' compact' : ''}`} role="note" data-testid="read-only-notice">
      <strong>Read-only.</strong> {reason}.{' '}
      {overridable
        ? 'Fork, retry, edit, pause and continue each ask you to confirm first, and the written run records that it came from a file that failed its check.'
        : 'Fork, retry, pause and resume are not offered for this file.'}
    </div>
  )
}
