/** The foot of a form dialog: why the last try failed, then Cancel and the one action it submits. */
export function DialogActions(props: {
  /** Names the dialog's test ids: `<name>-error`, `<name>-cancel`, and `submitTestId`. */
  name: string
  submitTestId: string
  error: string | null
  /** "Could not edit" */
  errorPrefix: string
  busy: boolean
  disabled: boolean
  label: string
  busyLabel: string
  onCancel(): void
}) {
  return (
    <>
      {props.error && (
        <p className="error-text" role="alert" data-testid={`${props.name}-error`}>
          {props.errorPrefix}: {props.error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" disabled={props.busy} data-testid={`${props.name}-cancel`} onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          data-testid={props.submitTestId}
          disabled={props.busy || props.disabled}
        >
          {props.busy ? props.busyLabel : props.label}
        </button>
      </div>
    </>
  )
}
