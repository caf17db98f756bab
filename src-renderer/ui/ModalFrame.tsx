/**
 * The frame of every agent dialog: backdrop, title, Escape to close. Keys typed inside stop here,
 * so the app's single-key shortcuts (R, B, P, D) never act on the run behind a dialog.
 */
import type { ReactNode } from 'react'

export function ModalFrame(props: {
  testId: string
  title: string
  className?: string
  onClose(): void
  children: ReactNode
}) {
  const titleId = `${props.testId}-title`
  return (
    <div className="modal-backdrop" role="presentation" onClick={props.onClose}>
      <div
        className={`modal agent-modal ${props.className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          event.stopPropagation()
          if (event.key === 'Escape') {
            event.preventDefault()
            props.onClose()
          }
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  )
}
