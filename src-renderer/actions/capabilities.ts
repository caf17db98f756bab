/**
 * Which actions a run and a step offer. One place decides, so the menu, the inspectors and the
 * shortcuts never disagree: a read-only run offers no write action anywhere.
 */
import type { RunView, StepSummary } from '../../src-shared/api/types'

export type StepActionId = 'retry' | 'branch' | 'pause' | 'resume' | 'compare'

export interface StepAction {
  id: StepActionId
  label: string
  shortcut: string
  /** Set when the action is shown but cannot run here (a root step has nothing to retry from). */
  disabledReason: string | null
}

/** Why nothing may be written to this run, or null when writes are allowed. */
export function writeBlockReason(run: RunView | null, removed: boolean): string | null {
  if (!run) return 'no run is open'
  if (run.trust.readOnlyReason) return run.trust.readOnlyReason
  if (removed) return 'the file was deleted on disk'
  return null
}

/** Pause for any run not paused yet; Resume for a paused one (seed semantics, spec 14). */
export function statusActionOf(run: RunView): 'pause' | 'resume' {
  return run.status === 'paused' ? 'resume' : 'pause'
}

export function retryBlockReason(step: StepSummary | undefined): string | null {
  if (!step) return MISSING_STEP_REASON
  if (step.parentIds.length === 0) return 'a root step has nothing before it to fork from (use Branch after this step instead)'
  return null
}

/** The tooltip of a disabled action: what it is, and why it cannot run here. */
export function unavailableTitle(label: string, reason: string): string {
  return `${label} is unavailable: ${reason}.`
}

export const MISSING_STEP_REASON = 'the step is not in this run'

export const SHORTCUTS = { retry: 'R', branch: 'B', pauseResume: 'P', compare: 'D' } as const

/** The step menu's items, in order. Write items are absent, not merely disabled, on a read-only run. */
export function stepMenuItems(run: RunView, stepId: string, removed: boolean): StepAction[] {
  const items: StepAction[] = []
  if (writeBlockReason(run, removed) === null) {
    const step = run.steps.find((candidate) => candidate.id === stepId)
    items.push({ id: 'retry', label: 'Retry this step', shortcut: SHORTCUTS.retry, disabledReason: retryBlockReason(step) })
    items.push({ id: 'branch', label: 'Branch after this step', shortcut: SHORTCUTS.branch, disabledReason: step ? null : MISSING_STEP_REASON })
    const status = statusActionOf(run)
    items.push({ id: status, label: status === 'pause' ? 'Pause run' : 'Resume run', shortcut: SHORTCUTS.pauseResume, disabledReason: null })
  }
  items.push({ id: 'compare', label: run.forkedFrom ? 'Compare with origin' : 'Compare with…', shortcut: SHORTCUTS.compare, disabledReason: null })
  return items
}
