/** What the user points at: the selected step of the open run and the run under the list cursor. */
import type { SliceCreator } from './types'

export interface SelectionSlice {
  selectedStepId: string | null
  /** The run row highlighted by keyboard navigation (a file path). */
  listCursor: string | null
  selectStep(stepId: string | null): void
  setListCursor(file: string | null): void
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set) => ({
  selectedStepId: null,
  listCursor: null,
  selectStep: (selectedStepId) => set({ selectedStepId }),
  setListCursor: (listCursor) => set({ listCursor })
})
