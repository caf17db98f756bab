/**
 * The run list query, and the search within the open run's step labels. The step query belongs to
 * a run: each file keeps its own, restored when it is opened again.
 */
import type { SliceCreator } from './types'

export interface SearchSlice {
  query: string
  stepQuery: string
  /** The step query of every run opened this session, by file. */
  stepQueries: Record<string, string>
  /** Position in the current list of step matches; -1 before the first jump. */
  stepMatchIndex: number
  /** Counts the requests to put the focus in the run list's search box ('/'). */
  searchFocusRequests: number
  setQuery(query: string): void
  setStepQuery(query: string): void
  setStepMatchIndex(index: number): void
  requestSearchFocus(): void
  /** Switches the step query to the one `file` had (empty for a run not searched yet). */
  restoreStepQuery(file: string | null): void
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => ({
  query: '',
  stepQuery: '',
  stepQueries: {},
  stepMatchIndex: -1,
  searchFocusRequests: 0,
  setQuery: (query) => set({ query }),
  requestSearchFocus: () => set({ searchFocusRequests: get().searchFocusRequests + 1 }),
  setStepQuery: (stepQuery) => {
    const file = get().openFile
    set({
      stepQuery,
      stepMatchIndex: -1,
      ...(file ? { stepQueries: { ...get().stepQueries, [file]: stepQuery } } : {})
    })
  },
  setStepMatchIndex: (stepMatchIndex) => set({ stepMatchIndex }),
  restoreStepQuery: (file) => {
    const saved =
      file !== null && Object.prototype.hasOwnProperty.call(get().stepQueries, file) ? get().stepQueries[file] : ''
    set({ stepQuery: saved, stepMatchIndex: -1 })
  }
})
