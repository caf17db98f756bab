/** The diff slice as seen through the app's one store (whose TineState type predates the slice). */
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import { tineStore } from '../store/store'
import type { DiffState } from './diff-slice'

const diffStore = tineStore as unknown as StoreApi<DiffState>

export function useDiff<T>(selector: (state: DiffState) => T): T {
  return useStore(diffStore, selector)
}

export function diffState(): DiffState {
  return diffStore.getState()
}

/** Whether a diff is open, for the mount point in App. */
export const selectDiffOpen = (state: DiffState) => state.diffRequest !== null
