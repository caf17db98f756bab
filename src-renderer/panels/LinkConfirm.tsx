/** The confirmation shown before a link from step text opens outside the app. */
import { selectPendingLink } from '../store/selectors'
import { tineStore, useTine } from '../store/store'

export function LinkConfirm() {
  const url = useTine(selectPendingLink)
  if (!url) return null
  const close = () => tineStore.getState().setPendingLink(null)
  return (
    <div className="modal-backdrop" role="presentation" onClick={close}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="link-confirm-title"
        data-testid="link-confirm"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="link-confirm-title">Open this link?</h2>
        <p>It comes from the run's step text, which anyone could have written. Check the address:</p>
        <code className="link-url">{url}</code>
        <div className="modal-actions">
          <button type="button" onClick={close} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              window.open(url, '_blank', 'noopener,noreferrer')
              close()
            }}
          >
            Open in browser
          </button>
        </div>
      </div>
    </div>
  )
}
