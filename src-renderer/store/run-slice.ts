/**
 * The open run and the step details fetched for it. A reload of the same file (it grew on disk)
 * keeps the selection and the cached details of steps that still exist: step payloads are
 * content-addressed, so a cached detail never goes stale while its id survives.
 */
import type { RunView, StepDetail } from '../../src-shared/api/types'
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
  failRunLoad(file: string, message: string): void
  markRunRemoved(file: string): void
  closeRun(): void
  setStepDetail(file: string, detail: StepDetail): void
  setStepError(file: string, stepId: string, message: string): void
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
    const ids = new Set(view.steps.map((step) => step.id))
    const sameRun = state.openRun?.file === view.file && state.openRun.runId === view.runId
    set({
      openRun: view,
      runState: 'ready',
      runError: null,
      runRevision: state.runRevision + 1,
      stepDetails: sameRun ? keepExisting(state.stepDetails, ids) : {},
      stepErrors: {},
      selectedStepId: state.selectedStepId && ids.has(state.selectedStepId) ? state.selectedStepId : null
    })
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
    set({ openFile: null, openRun: null, runState: 'idle', runError: null, runRemoved: false, stepDetails: {}, stepErrors: {}, selectedStepId: null }),

  setStepDetail: (file, detail) => {
    if (get().openFile !== file) return
    set((state) => ({ stepDetails: { ...state.stepDetails, [detail.id]: detail } }))
  },

  setStepError: (file, stepId, message) => {
    if (get().openFile !== file) return
    set((state) => ({ stepErrors: { ...state.stepErrors, [stepId]: message } }))
  }
})
