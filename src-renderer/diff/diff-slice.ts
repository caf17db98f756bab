/**
 * The side-by-side diff: which two files, the loaded runs and DiffView, the selected pair, the
 * difference being walked, and the step-pair detail. Talks to the main side through the app's client.
 * Answers that arrive after the user moved on (another diff, another pair) are dropped.
 */
import type { RunView } from '../../src-shared/api/types'
import type { DiffView } from '../../src-shared/run/diff/diff-view-model'
import type { StepPairDetail } from '../../src-shared/run/diff/step-delta'
import type { SliceCreator, TineState } from '../store/types'
import { clientOf } from '../store/client-slice'
import {
  buildDiffLookup,
  differenceIndexOf,
  nearestSharedPartner,
  partnerOf,
  type DiffLookup,
  type DiffSide
} from './diff-lookup'
import { messageOf } from '../../src-shared/tine/errors'

export interface DiffRequest {
  fileA: string
  fileB: string
  toolCallsOnly: boolean
}

export type DiffPhase = 'idle' | 'loading' | 'ready' | 'error'

/** What is done of the load, for the progress display of big runs. */
export interface DiffProgress {
  startedAt: number
  runA: boolean
  runB: boolean
  pairing: boolean
}

export interface DiffPairSelection {
  a: string | null
  b: string | null
}

export interface DiffPairState extends DiffPairSelection {
  state: 'loading' | 'ready' | 'error'
  detail: StepPairDetail | null
  error: string | null
}

/**
 * A request to move the graphs: 'center' brings the pair to the middle of both panes,
 * 'align' keeps the clicked side still and slides the other so the partner sits level with it.
 */
export interface DiffFocus extends DiffPairSelection {
  kind: 'center' | 'align'
  origin: DiffSide
  seq: number
  /** For a one-sided step: the other side's nearest shared step, kept in view beside it. */
  anchor?: string | null
}

export interface DiffSlice {
  diffRequest: DiffRequest | null
  diffPhase: DiffPhase
  diffError: string | null
  diffProgress: DiffProgress
  diffRunA: RunView | null
  diffRunB: RunView | null
  diffView: DiffView | null
  diffLookup: DiffLookup | null
  /** Position in diffView.differences of the difference shown last; null before the first. */
  diffIndex: number | null
  diffSelection: DiffPairSelection
  diffFocus: DiffFocus | null
  diffPair: DiffPairState | null
  /** Set by the graphs once each is laid out and placed level with the other: the screen is ready when both are. */
  diffLayout: Record<DiffSide, boolean>
  openDiff(fileA: string, fileB: string, options?: { toolCallsOnly?: boolean }): Promise<void>
  closeDiff(): void
  setDiffToolCallsOnly(toolCallsOnly: boolean): Promise<void>
  swapDiffSides(): Promise<void>
  nextDifference(): void
  previousDifference(): void
  goToDifference(index: number): void
  selectDiffStep(side: DiffSide, stepId: string | null): void
  setDiffLayoutDone(side: DiffSide, done: boolean): void
}

const NO_SELECTION: DiffPairSelection = { a: null, b: null }
const NO_PROGRESS: DiffProgress = { startedAt: 0, runA: false, runB: false, pairing: false }

/** The slice's data with no diff open: the initial state, and what closing a diff returns to. */
function closedDiff() {
  return {
    diffRequest: null,
    diffPhase: 'idle',
    diffError: null,
    diffProgress: NO_PROGRESS,
    diffRunA: null,
    diffRunB: null,
    diffView: null,
    diffLookup: null,
    diffIndex: null,
    diffSelection: NO_SELECTION,
    diffFocus: null,
    diffPair: null,
    diffLayout: { a: false, b: false }
  } satisfies Partial<DiffSlice>
}

/** The run already in memory for this file (the explorer's open run, or the diff's own), if any. */
function cachedRun(state: TineState, file: string): RunView | null {
  for (const run of [state.diffRunA, state.diffRunB, state.openRun]) if (run && run.file === file) return run
  return null
}

export const createDiffSlice: SliceCreator<DiffSlice> = (set, get) => {
  let loadGeneration = 0
  let pairGeneration = 0
  let focusSeq = 0

  const loadPair = (selection: DiffPairSelection) => {
    const request = get().diffRequest
    const generation = ++pairGeneration
    if (!request || (selection.a === null && selection.b === null)) {
      set({ diffPair: null })
      return
    }
    set({ diffPair: { ...selection, state: 'loading', detail: null, error: null } })
    clientOf(get())
      .api.invoke('runs.stepPair', {
        fileA: request.fileA,
        stepA: selection.a,
        fileB: request.fileB,
        stepB: selection.b
      })
      .then(
        (detail) => {
          if (generation === pairGeneration) set({ diffPair: { ...selection, state: 'ready', detail, error: null } })
        },
        (error: unknown) => {
          if (generation === pairGeneration)
            set({ diffPair: { ...selection, state: 'error', detail: null, error: messageOf(error) } })
        }
      )
  }

  const anchorOf = (selection: DiffPairSelection): string | null => {
    const { diffView, diffLookup, diffRunA, diffRunB } = get()
    if (!diffView || !diffLookup || (selection.a === null) === (selection.b === null)) return null
    const side: DiffSide = selection.a !== null ? 'a' : 'b'
    const run = side === 'a' ? diffRunA : diffRunB
    return run ? nearestSharedPartner(diffView, diffLookup, side, (selection.a ?? selection.b)!, run.steps) : null
  }

  const show = (
    selection: DiffPairSelection,
    focus: Omit<DiffFocus, 'seq' | 'a' | 'b' | 'anchor'>,
    index: number | null
  ) => {
    set({
      diffSelection: selection,
      diffIndex: index,
      diffFocus: { ...selection, ...focus, anchor: anchorOf(selection), seq: ++focusSeq }
    })
    loadPair(selection)
  }

  const load = async (request: DiffRequest) => {
    const generation = ++loadGeneration
    ++pairGeneration
    const state = get()
    const keptA = cachedRun(state, request.fileA)
    const keptB = cachedRun(state, request.fileB)
    set({
      diffRequest: request,
      diffPhase: 'loading',
      diffError: null,
      diffProgress: { startedAt: performance.now(), runA: keptA !== null, runB: keptB !== null, pairing: false },
      diffRunA: keptA,
      diffRunB: keptB,
      diffView: null,
      diffLookup: null,
      diffIndex: null,
      diffSelection: NO_SELECTION,
      diffFocus: null,
      diffPair: null,
      diffLayout: { a: false, b: false }
    })
    const current = () => generation === loadGeneration
    const progress = (key: 'runA' | 'runB' | 'pairing') => {
      if (current()) set((s) => ({ diffProgress: { ...s.diffProgress, [key]: true } }))
    }
    const runOf = (kept: RunView | null, file: string, key: 'runA' | 'runB') =>
      kept
        ? Promise.resolve(kept)
        : clientOf(get())
            .api.invoke('runs.load', { file })
            .then((run) => {
              if (current()) set(key === 'runA' ? { diffRunA: run } : { diffRunB: run })
              progress(key)
              return run
            })
    try {
      const [, , view] = await Promise.all([
        runOf(keptA, request.fileA, 'runA'),
        runOf(keptB, request.fileB, 'runB'),
        clientOf(get())
          .api.invoke('runs.diff', {
            fileA: request.fileA,
            fileB: request.fileB,
            ...(request.toolCallsOnly ? { toolCallsOnly: true } : {})
          })
          .then((view) => {
            progress('pairing')
            return view
          })
      ])
      if (!current()) return
      set({ diffView: view, diffLookup: buildDiffLookup(view), diffPhase: 'ready' })
    } catch (error) {
      if (current()) set({ diffPhase: 'error', diffError: messageOf(error) })
    }
  }

  return {
    ...closedDiff(),

    openDiff: (fileA, fileB, options = {}) => load({ fileA, fileB, toolCallsOnly: options.toolCallsOnly ?? false }),

    closeDiff: () => {
      ++loadGeneration
      ++pairGeneration
      set(closedDiff())
    },

    setDiffToolCallsOnly: async (toolCallsOnly) => {
      const request = get().diffRequest
      if (!request || request.toolCallsOnly === toolCallsOnly) return
      await load({ ...request, toolCallsOnly })
    },

    swapDiffSides: async () => {
      const request = get().diffRequest
      if (!request) return
      await load({ ...request, fileA: request.fileB, fileB: request.fileA })
    },

    nextDifference: () => {
      const { diffView, diffIndex } = get()
      const count = diffView?.differences.length ?? 0
      if (count === 0) return
      get().goToDifference(diffIndex === null ? 0 : Math.min(count - 1, diffIndex + 1))
    },

    previousDifference: () => {
      const { diffView, diffIndex } = get()
      const count = diffView?.differences.length ?? 0
      if (count === 0) return
      get().goToDifference(diffIndex === null ? count - 1 : Math.max(0, diffIndex - 1))
    },

    goToDifference: (index) => {
      const difference = get().diffView?.differences[index]
      if (!difference) return
      show({ a: difference.a, b: difference.b }, { kind: 'center', origin: difference.a !== null ? 'a' : 'b' }, index)
    },

    selectDiffStep: (side, stepId) => {
      const { diffView, diffLookup, diffIndex } = get()
      if (!diffView || !diffLookup || stepId === null) {
        ++pairGeneration
        set({ diffSelection: NO_SELECTION, diffPair: null })
        return
      }
      const partner = partnerOf(diffView, diffLookup, side, stepId)
      const selection = side === 'a' ? { a: stepId, b: partner } : { a: partner, b: stepId }
      // Clicking a difference makes it the current one, so "next" continues from there.
      const index = differenceIndexOf(diffLookup, side, stepId) ?? diffIndex
      show(selection, { kind: 'align', origin: side }, index)
    },

    setDiffLayoutDone: (side, done) => {
      if (get().diffLayout[side] !== done) set((state) => ({ diffLayout: { ...state.diffLayout, [side]: done } }))
    }
  }
}
