/**
 * State of the write and trust actions: which menu or dialog is open, what a pending
 * pause/resume conflicts with, the signature check, the lineage, and the runs picked for a diff.
 */
import type { SignatureCheckView } from '../../src-shared/api/action-types'
import type { DiskChange } from '../../src-shared/run/diff/change-report'
import type { LineageNode } from '../../src-shared/run/lineage'
import type { SliceCreator } from '../store/types'

export type ForkMode = 'before' | 'after'
export type RunStatusChoice = 'paused' | 'running'

export interface StepMenuState {
  stepId: string
  /** Viewport coordinates of the menu's top-left corner. */
  x: number
  y: number
}

export interface ForkDialogState {
  stepId: string
  mode: ForkMode
}

/** A pause/resume that was not written because the file changed since it was loaded. */
export interface PendingConflict {
  file: string
  status: RunStatusChoice
  change: DiskChange
  /** The user had confirmed writing a file that failed its integrity check. */
  overrideIntegrity?: boolean
}

export interface ActionsSlice {
  stepMenu: StepMenuState | null
  forkDialog: ForkDialogState | null
  /** Which action is waiting for the main side, so its buttons show it and do not fire twice. */
  actionBusy: 'fork' | 'status' | 'signature' | null
  /** Why the last fork failed, shown in the fork dialog. */
  forkError: string | null
  conflict: PendingConflict | null
  /** A pause of a run that failed its integrity check, waiting for the user's explicit confirmation. */
  integrityConfirm: { file: string; status: RunStatusChoice } | null
  signatureDialog: boolean
  signatureCheck: { file: string; result: SignatureCheckView } | null
  signatureError: string | null
  compareDialog: boolean
  /** A step to select and bring into view once its run is drawn (the fork point of a new fork). */
  focusStep: { file: string; stepId: string } | null
  /** Runs picked in the list for a comparison (files, in the order picked). */
  compareSelection: string[]
  /** Where a Shift-click range starts. */
  compareAnchor: string | null
  lineage: LineageNode[] | null
  lineageError: string | null

  openStepMenu(menu: StepMenuState): void
  closeStepMenu(): void
  openForkDialog(stepId: string, mode: ForkMode): void
  closeForkDialog(): void
  setActionBusy(busy: ActionsSlice['actionBusy']): void
  setForkError(message: string | null): void
  setConflict(conflict: PendingConflict | null): void
  setIntegrityConfirm(confirm: ActionsSlice['integrityConfirm']): void
  setSignatureDialog(open: boolean): void
  setSignatureCheck(check: ActionsSlice['signatureCheck']): void
  setSignatureError(message: string | null): void
  setCompareDialog(open: boolean): void
  setFocusStep(focus: ActionsSlice['focusStep']): void
  setCompareSelection(files: string[], anchor?: string | null): void
  setLineage(lineage: LineageNode[] | null, error?: string | null): void
}

export const createActionsSlice: SliceCreator<ActionsSlice> = (set) => ({
  stepMenu: null,
  forkDialog: null,
  actionBusy: null,
  forkError: null,
  conflict: null,
  integrityConfirm: null,
  signatureDialog: false,
  signatureCheck: null,
  signatureError: null,
  compareDialog: false,
  focusStep: null,
  compareSelection: [],
  compareAnchor: null,
  lineage: null,
  lineageError: null,

  openStepMenu: (stepMenu) => set({ stepMenu }),
  closeStepMenu: () => set({ stepMenu: null }),
  openForkDialog: (stepId, mode) => set({ forkDialog: { stepId, mode }, forkError: null, stepMenu: null }),
  closeForkDialog: () => set({ forkDialog: null, forkError: null }),
  setActionBusy: (actionBusy) => set({ actionBusy }),
  setForkError: (forkError) => set({ forkError }),
  setConflict: (conflict) => set({ conflict }),
  setIntegrityConfirm: (integrityConfirm) => set({ integrityConfirm, stepMenu: null }),
  setSignatureDialog: (signatureDialog) => set({ signatureDialog, signatureError: null }),
  setSignatureCheck: (signatureCheck) => set({ signatureCheck }),
  setSignatureError: (signatureError) => set({ signatureError }),
  setCompareDialog: (compareDialog) => set({ compareDialog, stepMenu: null }),
  setFocusStep: (focusStep) => set({ focusStep }),
  setCompareSelection: (compareSelection, anchor) =>
    set(anchor === undefined ? { compareSelection } : { compareSelection, compareAnchor: anchor }),
  setLineage: (lineage, lineageError = null) => set({ lineage, lineageError })
})
