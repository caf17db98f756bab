/**
 * Every keyboard shortcut of the app, in one list. For a key press the first entry whose chord
 * matches and whose `when` holds runs; nothing else sees the key. While a modal dialog is open only
 * Escape means something (it closes the top-most dialog).
 */
import { retryBlockReason, statusActionOf, writesOffered, type StepActionId } from '../actions/capabilities'
import { runStepAction } from '../actions/step-action'
import type { TineState } from '../store/types'

export interface KeyBinding {
  /** The chord: `Mod+` (Ctrl or Cmd), `Alt+`, `Shift+` (letters only), then the key ('r', '/', 'Escape'). */
  key: string
  /** Also while the focus is in a text field. */
  inFields?: boolean
  /** Also for the repeats of a held key. */
  repeats?: boolean
  when(state: TineState): boolean
  run(state: TineState): void
}

const dialogOpen = (state: TineState) => state.openDialogs.length > 0
const diffOpen = (state: TineState) => state.diffRequest !== null
/** The explorer's own single keys: a run is open, nothing is on top of it. */
const explorerFree = (state: TineState) => state.openRun !== null && !dialogOpen(state) && !diffOpen(state)

/**
 * Which action a letter asks for on the open run, or null when it means nothing now (read-only, no
 * step). On a run that failed its integrity check the action opens its confirming dialog.
 */
export function stepShortcut(key: string, state: TineState): { id: StepActionId; stepId: string | null } | null {
  const run = state.openRun
  if (!run) return null
  const writable = writesOffered(run, state.runRemoved)
  const stepId = state.selectedStepId
  switch (key) {
    case 'r':
      if (!writable || !stepId) return null
      return retryBlockReason(run.steps.find((step) => step.id === stepId)) === null ? { id: 'retry', stepId } : null
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

/** A letter with Shift or Caps Lock means the same letter. */
function letterBindings(letter: string, binding: Omit<KeyBinding, 'key'>): KeyBinding[] {
  return [
    { key: letter, ...binding },
    { key: `Shift+${letter}`, ...binding }
  ]
}

function stepBindings(key: 'r' | 'b' | 'p' | 'd'): KeyBinding[] {
  return letterBindings(key, {
    when: (state) => explorerFree(state) && stepShortcut(key, state) !== null,
    run: (state) => {
      const action = stepShortcut(key, state)
      if (!action) return
      state.closeStepMenu()
      runStepAction(state, action.id, action.stepId)
    }
  })
}

export const KEYMAP: readonly KeyBinding[] = [
  // Escape closes one thing, the top-most: a dialog, the step menu, the hottest steps, the diff.
  {
    key: 'Escape',
    inFields: true,
    when: dialogOpen,
    run: (state) => state.openDialogs[state.openDialogs.length - 1]?.close()
  },
  { key: 'Escape', inFields: true, when: (state) => state.stepMenu !== null, run: (state) => state.closeStepMenu() },
  { key: 'Escape', when: (state) => state.hottestOpen, run: (state) => state.setHottestOpen(false) },
  { key: 'Escape', when: diffOpen, run: (state) => state.closeDiff() },
  {
    key: 'Mod+Shift+n',
    inFields: true,
    when: (state) => !dialogOpen(state),
    run: (state) => {
      if (state.folders.length > 0) state.openNewRunDialog()
    }
  },
  { key: '/', when: (state) => !dialogOpen(state), run: (state) => state.requestSearchFocus() },
  ...stepBindings('r'),
  ...stepBindings('b'),
  ...stepBindings('p'),
  ...stepBindings('d'),
  // H opens the hottest steps (turning heat on by cost when it is off), and closes them again.
  ...letterBindings('h', {
    when: explorerFree,
    run: (state) => {
      if (state.heat === 'off') state.setHeat('cost')
      state.setHottestOpen(!state.hottestOpen)
    }
  }),
  // N / Shift+N walk the differences of the diff.
  {
    key: 'n',
    repeats: true,
    when: (state) => diffOpen(state) && !dialogOpen(state),
    run: (state) => state.nextDifference()
  },
  {
    key: 'Shift+n',
    repeats: true,
    when: (state) => diffOpen(state) && !dialogOpen(state),
    run: (state) => state.previousDifference()
  }
]
