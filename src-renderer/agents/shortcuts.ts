/** Ctrl/Cmd+Shift+N opens New run; Escape closes the top-most agent dialog when focus is outside it. */
import { useEffect } from 'react'
import type { TineStore } from '../store/store'

export function handleAgentKey(event: KeyboardEvent, store: TineStore): boolean {
  if (event.defaultPrevented) return false
  const state = store.getState()
  if (event.key === 'Escape') {
    if (!state.closeTopmostAgentDialog()) return false
    event.preventDefault()
    return true
  }
  const newRun = (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'KeyN'
  if (!newRun || event.repeat) return false
  event.preventDefault()
  if (state.folders.length > 0 && !state.retryDialog && !state.secretsDialog) state.openNewRunDialog()
  return true
}

export function useAgentShortcuts(store: TineStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      handleAgentKey(event, store)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
