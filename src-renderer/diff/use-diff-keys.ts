/** N / Shift+N walk the differences; Escape leaves the diff (unless a dialog is open on top). */
import { useEffect } from 'react'
import { tineStore } from '../store/store'

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
        if (event.shiftKey) tineStore.getState().previousDifference()
        else tineStore.getState().nextDifference()
      } else if (event.key === 'Escape' && !document.querySelector('.modal, [role="dialog"]')) {
        tineStore.getState().closeDiff()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [active])
}
