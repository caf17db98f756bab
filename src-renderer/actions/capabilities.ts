/**
 * Which actions a run and a step offer. One place decides, so the menu, the inspectors and the
 * shortcuts never disagree: a read-only run offers no write action anywhere, and a run that failed
 * its integrity check offers them only behind the user's explicit confirmation.
 */
import type { ActiveRunView } from '../../src-shared/api/agent-types'
import type { RunView, StepSummary } from '../../src-shared/api/types'

const FAILED_INTEGRITY = new Set(['mismatch', 'missing', 'unsupported'])

export type StepActionId = 'retry' | 'branch' | 'edit' | 'pause' | 'resume' | 'continue' | 'compare'

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

/**
 * Why each write to this run first needs the user's explicit confirmation, or null. That is a run
 * whose integrity check failed, and nothing else: the main side then writes it only with the
 * override, and the written run records it. A dropped copy or an exported page (read-only for
 * reasons of their own, which do not start with "integrity") is not overridable. The answer is the
 * check's own words ("digest mismatch").
 */
export function integrityOverrideReason(run: RunView | null, removed: boolean): string | null {
  if (!run || removed || !FAILED_INTEGRITY.has(run.trust.integrity)) return null
  if (!run.trust.readOnlyReason?.startsWith('integrity ')) return null
  return run.trust.integrityReason || `integrity ${run.trust.integrity}`
}

/** Whether write actions are offered at all: freely, or behind the integrity confirmation. */
export function writesOffered(run: RunView | null, removed: boolean): boolean {
  return writeBlockReason(run, removed) === null || integrityOverrideReason(run, removed) !== null
}

/**
 * Pause while the run is running, Resume while it is paused; nothing otherwise. A completed or
 * failed run is continued by forking it, a cancelled one through "Continue this run…", and a run
 * that is pausing, or waits for a review, has nothing to toggle.
 */
export function statusActionOf(run: RunView, agent: ActiveRunView | null = null): 'pause' | 'resume' | null {
  if (agent && agent.file === run.file) {
    if (agent.state === 'starting' || agent.state === 'running') return 'pause'
    if (agent.state === 'paused') return 'resume'
    if (agent.state === 'pausing' || agent.state === 'needs-review' || agent.state === 'cancelled') return null
  }
  if (run.status === 'running') return 'pause'
  if (run.status === 'paused' && !run.cancelled) return 'resume'
  return null
}

/** Why "Continue this run…" is not offered, or null: only a paused run no agent is executing continues in place. */
export function continueBlockReason(run: RunView, agent: ActiveRunView | null = null): string | null {
  if (
    agent &&
    agent.file === run.file &&
    (agent.state === 'starting' || agent.state === 'running' || agent.state === 'pausing')
  )
    return 'an agent is running it'
  if (agent && agent.file === run.file && agent.state === 'needs-review') return 'it waits for a review of a tool call'
  if (run.status !== 'paused') return `it is ${run.status}: branch after a step and continue the fork`
  return null
}

const EDITABLE_KINDS = new Set(['tool', 'think', 'model', 'done'])

export function editBlockReason(step: StepSummary | undefined): string | null {
  if (!step) return 'the step is not in this run'
  if (!EDITABLE_KINDS.has(step.kind)) return `a ${step.kind || 'kindless'} step has no result, output or input to edit`
  if (step.kind === 'tool' && step.parentIds.length === 0) return 'a root tool step has no model turn before it'
  return null
}

export function retryBlockReason(step: StepSummary | undefined): string | null {
  if (!step) return MISSING_STEP_REASON
  if (step.parentIds.length === 0)
    return 'a root step has nothing before it to fork from (use Branch after this step instead)'
  return null
}

/** The tooltip of a disabled action: what it is, and why it cannot run here. */
export function unavailableTitle(label: string, reason: string): string {
  return `${label} is unavailable: ${reason}.`
}

export const MISSING_STEP_REASON = 'the step is not in this run'

export const SHORTCUTS = { retry: 'R', branch: 'B', pauseResume: 'P', compare: 'D' } as const

/**
 * The step menu's items, in order. Write items are absent, not merely disabled, on a read-only run;
 * Pause, Resume and Continue are absent where they mean nothing.
 */
export function stepMenuItems(
  run: RunView,
  stepId: string,
  removed: boolean,
  agent: ActiveRunView | null = null
): StepAction[] {
  const items: StepAction[] = []
  if (writesOffered(run, removed)) {
    const step = run.steps.find((candidate) => candidate.id === stepId)
    items.push({
      id: 'retry',
      label: 'Retry this step',
      shortcut: SHORTCUTS.retry,
      disabledReason: retryBlockReason(step)
    })
    items.push({
      id: 'branch',
      label: 'Branch after this step',
      shortcut: SHORTCUTS.branch,
      disabledReason: step ? null : MISSING_STEP_REASON
    })
    items.push({ id: 'edit', label: 'Edit before continuing…', shortcut: '', disabledReason: editBlockReason(step) })
    const status = statusActionOf(run, agent)
    if (status)
      items.push({
        id: status,
        label: status === 'pause' ? 'Pause run' : 'Resume run',
        shortcut: SHORTCUTS.pauseResume,
        disabledReason: null
      })
    if (continueBlockReason(run, agent) === null)
      items.push({ id: 'continue', label: 'Continue this run…', shortcut: '', disabledReason: null })
  }
  items.push({
    id: 'compare',
    label: run.forkedFrom ? 'Compare with origin' : 'Compare with…',
    shortcut: SHORTCUTS.compare,
    disabledReason: null
  })
  return items
}
