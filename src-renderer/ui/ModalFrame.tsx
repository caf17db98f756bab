/**
 * The frame of every modal dialog: backdrop, title, focus kept inside, Escape to close. While it is
 * open it is registered in the store as a dialog, so the keymap knows which one is on top (Escape
 * closes only that one) and leaves its shortcuts off. Keys typed inside stop here, so single-key
 * shortcuts (R, B, P, D) never act on the run behind a dialog.
 */
import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import { tineStore } from '../store/store'
import type { OpenDialog } from '../store/ui-slice'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function ModalFrame(props: {
  testId: string
  title: ReactNode
  className?: string
  /** 'alertdialog' for a question the user must answer; a click on the backdrop does not close it. */
  role?: 'dialog' | 'alertdialog'
  describedBy?: string
  /** Extra data-* attributes on the dialog element. */
  data?: Record<`data-${string}`, string>
  /** Makes the dialog a form; Enter in a field submits it. */
  onSubmit?: () => void
  onClose(): void
  children: ReactNode
}) {
  const box = useRef<HTMLElement | null>(null)
  const close = useRef(props.onClose)
  const [entry] = useState<OpenDialog>(() => ({ close: () => close.current() }))
  useLayoutEffect(() => {
    close.current = props.onClose
  })
  useLayoutEffect(() => {
    tineStore.getState().registerDialog(entry)
    // A field with autoFocus has the focus already; otherwise the first control takes it.
    const element = box.current
    if (element && !element.contains(document.activeElement)) element.querySelector<HTMLElement>(FOCUSABLE)?.focus()
    return () => tineStore.getState().unregisterDialog(entry)
  }, [entry])

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      const dialogs = tineStore.getState().openDialogs
      if (dialogs[dialogs.length - 1] === entry) props.onClose()
    } else if (event.key === 'Tab') keepFocusInside(event, box.current)
  }
  const titleId = `${props.testId}-title`
  const attributes = {
    className: `modal ${props.className ?? ''}`,
    role: props.role ?? 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'aria-describedby': props.describedBy,
    'data-testid': props.testId,
    ...props.data,
    onClick: (event: { stopPropagation(): void }) => event.stopPropagation(),
    onKeyDown
  }
  const content = (
    <>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </>
  )
  const onSubmit = props.onSubmit
  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onClick={props.role === 'alertdialog' ? undefined : props.onClose}
    >
      {onSubmit ? (
        <form
          {...attributes}
          ref={(element) => {
            box.current = element
          }}
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            onSubmit()
          }}
        >
          {content}
        </form>
      ) : (
        <div
          {...attributes}
          ref={(element) => {
            box.current = element
          }}
        >
          {content}
        </div>
      )}
    </div>
  )
}

/** Tab past the last control comes back to the first, Shift+Tab before the first goes to the last. */
function keepFocusInside(event: KeyboardEvent, box: HTMLElement | null): void {
  if (!box) return
  const controls = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE))
  if (controls.length === 0) return
  const first = controls[0]
  const last = controls[controls.length - 1]
  const active = document.activeElement
  if (event.shiftKey && (active === first || !box.contains(active))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (active === last || !box.contains(active))) {
    event.preventDefault()
    first.focus()
  }
}
