/**
 * Keyboard shortcuts of the actions: R retry the selected step, B branch after it, P pause/resume,
 * D compare, Escape closes the top-most menu or dialog. On a read-only run R, B and P do nothing.
 * N / Shift+N belong to the diff view, which handles them itself.
 */
import { useEffect } from 'react'
import type { TineStore } from '../store/store'
import { retryBlockReason, statusActionOf, writeBlockReason, type StepActionId } from './capabilities'
import { runStepAction } from './step-action'

function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const element = target as HTMLElement
  return (
    element.tagName === 'INPUT' ||
    element.tagName === 'TEXTAREA' ||
    element.tagName === 'SELECT' ||
    element.isContentEditable
  )
}

/** The diff view takes the keyboard while it is on screen. */
function diffViewOpen(doc: Document): boolean {
  return doc.querySelector('[data-testid="diff-view"]') !== null
}

/** Which action a key asks for in the current state, or null when it means nothing now. */
export function shortcutAction(key: string, store: TineStore): { id: StepActionId; stepId: string | null } | null {
  const state = store.getState()
  const run = state.openRun
  if (!run) return null
  const writable = writeBlockReason(run, state.runRemoved) === null
  const stepId = state.selectedStepId
  switch (key.toLowerCase()) {
    case 'r': {
      if (!writable || !stepId) return null
      return retryBlockReason(run.steps.find((step) => step.id === stepId)) === null ? { id: 'retry', stepId } : null
    }
    case 'b':
      if (!writable || !stepId || !run.steps.some((step) => step.id === stepId)) return null
      return { id: 'branch', stepId }
    case 'p': {
      const status = writable ? statusActionOf(run, state.agentRuns[run.file] ?? null) : null
      return status ? { id: status, stepId } : null
    }
    case 'd':
      return { id: 'compare', stepId }
    default:
      return null
  }
}

/** Handles one keydown; returns whether it was used. */
export function handleShortcutKey(event: KeyboardEvent, store: TineStore, doc: Document = document): boolean {
  if (event.defaultPrevented) return false
  const state = store.getState()
  if (event.key === 'Escape') {
    if (!state.closeTopmost()) return false
    event.preventDefault()
    return true
  }
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return false
  if (state.forkDialog || state.conflict || state.signatureDialog || state.compareDialog || state.pendingLink)
    return false
  if (diffViewOpen(doc)) return false
  const action = shortcutAction(event.key, store)
  if (!action) return false
  event.preventDefault()
  state.closeStepMenu()
  runStepAction(store.getState(), action.id, action.stepId)
  return true
}

export function useActionShortcuts(store: TineStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      handleShortcutKey(event, store)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
