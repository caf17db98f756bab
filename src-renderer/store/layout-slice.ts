/** Progress of the open run's layout, shown while a big run is being placed. */
import type { LayoutAlgorithm } from '../graph/layout-types'
import type { SliceCreator } from './types'

export interface LayoutStatus {
  state: 'idle' | 'running' | 'done' | 'error'
  stepCount: number
  algorithm: LayoutAlgorithm | null
  millis: number | null
  error: string | null
}

export interface LayoutSlice {
  layout: LayoutStatus
  setLayout(status: Partial<LayoutStatus>): void
}

export const IDLE_LAYOUT: LayoutStatus = { state: 'idle', stepCount: 0, algorithm: null, millis: null, error: null }

export const createLayoutSlice: SliceCreator<LayoutSlice> = (set) => ({
  layout: IDLE_LAYOUT,
  setLayout: (status) => set((state) => ({ layout: { ...state.layout, ...status } }))
})
