/**
 * The open run and the step details fetched for it. A reload of the same file (it grew on disk)
 * keeps the selection and the cached details of steps that still exist: step payloads are
 * content-addressed, so a cached detail never goes stale while its id survives.
 */
import type { RunView, StepDetail, StepSummary, TrustView } from '../../src-shared/api/types'
import type { SliceCreator } from './types'

export type RunLoadState = 'idle' | 'loading' | 'ready' | 'error'

export interface RunSlice {
  openFile: string | null
  openRun: RunView | null
  runState: RunLoadState
  runError: string | null
  /** performance.now() when the current load began, for the progress display. */
  runLoadStartedAt: number
  /** Size in bytes of the file being loaded, when known from the list. */
  runLoadBytes: number | null
  /** The open file was deleted on disk; the last view stays visible. */
  runRemoved: boolean
  /** Bumped on every load of the same file, so views can tell a reload from a new run. */
  runRevision: number
  stepDetails: Record<string, StepDetail>
  stepErrors: Record<string, string>
  beginRunLoad(file: string, bytes?: number | null): void
  /** Applies a loaded view; ignored when the user has since opened another file. */
  finishRunLoad(view: RunView): void
  /**
   * Appends steps an agent just completed to the open run (a live patch, no reload). False when
   * they do not continue what is on screen (another run, a gap, a diverging id): reload instead.
   */
  appendRunSteps(patch: RunStepsPatch): boolean
  /**
   * The trust of the open view once its digest is known (runs.trust). Ignored unless the open
   * view is still the version it was asked for; nothing but `trust` changes, so nothing is redrawn.
   */
  settleRunTrust(view: RunView, trust: TrustView): void
  failRunLoad(file: string, message: string): void
  markRunRemoved(file: string): void
  closeRun(): void
  setStepDetail(file: string, detail: StepDetail): void
  setStepError(file: string, stepId: string, message: string): void
}

export interface RunStepsPatch {
  file: string
  runId: string
  steps: StepSummary[]
  /** The run's length once the steps are appended. */
  stepCount: number
}

/** The open run with the patch's steps appended; the same view when there is nothing new; null when it does not apply. */
export function runAfterPatch(view: RunView, patch: RunStepsPatch): RunView | null {
  if (view.file !== patch.file || (patch.runId && view.runId !== patch.runId)) return null
  const base = patch.stepCount - patch.steps.length
  const have = view.steps.length
  if (base < 0 || have < base || have > patch.stepCount) return null
  // Steps a reload already brought in are skipped, after checking they are the same steps.
  const skip = have - base
  for (let i = 0; i < skip; i++) if (view.steps[base + i].id !== patch.steps[i].id) return null
  const fresh = patch.steps.slice(skip)
  if (fresh.length === 0) return view
  let duration = 0
  let cost = 0
  for (const step of fresh) {
    duration += step.duration
    cost += step.cost
  }
  // Totals are running sums until the next full load recomputes them exactly.
  return {
    ...view,
    steps: view.steps.concat(fresh),
    durationTotal: view.durationTotal + duration,
    costs: { ...view.costs, totalCost: view.costs.totalCost + cost }
  }
}

function keepExisting<T>(record: Record<string, T>, ids: Set<string>): Record<string, T> {
  const kept: Record<string, T> = {}
  for (const [id, value] of Object.entries(record)) if (ids.has(id)) kept[id] = value
  return kept
}

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  openFile: null,
  openRun: null,
  runState: 'idle',
  runError: null,
  runLoadStartedAt: 0,
  runLoadBytes: null,
  runRemoved: false,
  runRevision: 0,
  stepDetails: {},
  stepErrors: {},

  beginRunLoad: (file, bytes = null) => {
    const sameFile = get().openFile === file
    set({
      openFile: file,
      // A reload keeps showing the current view; a new file starts empty.
      openRun: sameFile ? get().openRun : null,
      runState: sameFile && get().openRun ? 'ready' : 'loading',
      runError: null,
      runLoadStartedAt: performance.now(),
      runLoadBytes: bytes,
      runRemoved: false,
      ...(sameFile ? {} : { stepDetails: {}, stepErrors: {}, selectedStepId: null })
    })
    if (!sameFile) get().restoreStepQuery(file)
  },

  finishRunLoad: (view) => {
    const state = get()
    if (state.openFile !== view.file) return
    const sameRun = state.openRun?.file === view.file && state.openRun.runId === view.runId
    // Only a reload of the run on screen keeps step details, so only it needs every id in a set.
    const ids = sameRun ? new Set(view.steps.map((step) => step.id)) : null
    const selected = state.selectedStepId
    const keepsSelection =
      selected !== null && (ids ? ids.has(selected) : view.steps.some((step) => step.id === selected))
    set({
      openRun: view,
      runState: 'ready',
      runError: null,
      runRevision: state.runRevision + 1,
      stepDetails: ids ? keepExisting(state.stepDetails, ids) : {},
      stepErrors: {},
      selectedStepId: keepsSelection ? selected : null
    })
  },

  appendRunSteps: (patch) => {
    const state = get()
    if (state.openFile !== patch.file || !state.openRun || state.runState !== 'ready') return false
    const next = runAfterPatch(state.openRun, patch)
    if (!next) return false
    if (next !== state.openRun) set({ openRun: next })
    return true
  },

  settleRunTrust: (view, trust) => {
    const open = get().openRun
    if (!open || open.file !== view.file || open.mtimeMs !== view.mtimeMs || open.size !== view.size) return
    if (open.trust.integrity !== 'checking') return
    set({ openRun: { ...open, trust } })
  },

  failRunLoad: (file, message) => {
    if (get().openFile !== file) return
    // A failed reload of a run already on screen keeps it and reports the problem.
    set({ runState: get().openRun ? 'ready' : 'error', runError: message })
  },

  markRunRemoved: (file) => {
    if (get().openFile === file) set({ runRemoved: true })
  },

  closeRun: () =>
    set({
      openFile: null,
      openRun: null,
      runState: 'idle',
      runError: null,
      runRemoved: false,
      stepDetails: {},
      stepErrors: {},
      selectedStepId: null
    }),

  setStepDetail: (file, detail) => {
    if (get().openFile !== file) return
    set((state) => ({ stepDetails: { ...state.stepDetails, [detail.id]: detail } }))
  },

  setStepError: (file, stepId, message) => {
    if (get().openFile !== file) return
    set((state) => ({ stepErrors: { ...state.stepErrors, [stepId]: message } }))
  }
})
