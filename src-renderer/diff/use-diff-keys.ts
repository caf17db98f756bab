/** N / Shift+N walk the differences; Escape leaves the diff (unless a dialog is open on top). */
import { useEffect } from 'react'
import { diffState } from './diff-store'

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function useDiffKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault()
        if (event.shiftKey) diffState().previousDifference()
        else diffState().nextDifference()
      } else if (event.key === 'Escape' && !document.querySelector('.modal, [role="dialog"]')) {
        diffState().closeDiff()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [active])
}
