/**
 * The one explicit confirmation a write to a run that failed its integrity check needs, inside the
 * dialog of that write. Until it is ticked the dialog's submit stays disabled; the written run then
 * records the override, and its trust banner says so.
 */
export function IntegrityOverrideField(props: {
  reason: string
  /** What the write does, as the sentence needs it: "fork it", "pause it". */
  action: string
  checked: boolean
  onChange(checked: boolean): void
}) {
  return (
    <div
      className="integrity-override"
      data-testid="integrity-override"
      role="group"
      aria-label="Integrity check failed"
    >
      <p className="error-text small">
        <strong>This file failed its integrity check ({props.reason}).</strong> It was changed outside opentine: its
        content may not be what was recorded.
      </p>
      <label className="checkbox-field">
        <input
          type="checkbox"
          data-testid="integrity-override-confirm"
          checked={props.checked}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <span>
          I understand the content is not verified and want to {props.action} anyway. The written run records this
          override.
        </span>
      </label>
    </div>
  )
}
