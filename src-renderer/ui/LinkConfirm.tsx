/** The confirmation shown before a link from step text opens outside the app. */
import { visibleText } from '../../src-shared/api/visible-text'
import { selectPendingLink } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from './ModalFrame'

export function LinkConfirm() {
  const url = useTine(selectPendingLink)
  if (!url) return null
  const close = () => tineStore.getState().setPendingLink(null)
  return (
    <ModalFrame testId="link-confirm" title="Open this link?" onClose={close}>
      <p>It comes from the run's step text, which anyone could have written. Check the address:</p>
      <code className="link-url" data-testid="link-url">
        {visibleText(url)}
      </code>
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
    </ModalFrame>
  )
}
