/** The run list query, and the search within the open run's step labels. */
import type { SliceCreator } from './types'

export interface SearchSlice {
  query: string
  stepQuery: string
  /** Position in the current list of step matches; -1 before the first jump. */
  stepMatchIndex: number
  setQuery(query: string): void
  setStepQuery(query: string): void
  setStepMatchIndex(index: number): void
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set) => ({
  query: '',
  stepQuery: '',
  stepMatchIndex: -1,
  setQuery: (query) => set({ query }),
  setStepQuery: (stepQuery) => set({ stepQuery, stepMatchIndex: -1 }),
  setStepMatchIndex: (stepMatchIndex) => set({ stepMatchIndex })
})
