/** One bound store made of the slices. Components read it through the named selectors. */
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { createActionsSlice } from '../actions/actions-slice'
import { createAgentsSlice } from '../agents/agents-slice'
import { createClientSlice } from './client-slice'
import { createDiffSlice } from '../diff/diff-slice'
import { createFoldersSlice } from './folders-slice'
import { createLayoutSlice } from './layout-slice'
import { createRunSlice } from './run-slice'
import { createSearchSlice } from './search-slice'
import { createSelectionSlice } from './selection-slice'
import type { TineState } from './types'
import { createUiSlice } from './ui-slice'
import { createViewsSlice } from '../views/views-slice'

export type TineStore = StoreApi<TineState>

export function createTineStore(): TineStore {
  return createStore<TineState>()((...args) => ({
    ...createClientSlice(...args),
    ...createFoldersSlice(...args),
    ...createRunSlice(...args),
    ...createSelectionSlice(...args),
    ...createSearchSlice(...args),
    ...createUiSlice(...args),
    ...createLayoutSlice(...args),
    ...createDiffSlice(...args),
    ...createActionsSlice(...args),
    ...createAgentsSlice(...args),
    ...createViewsSlice(...args)
  }))
}

export const tineStore = createTineStore()

export function useTine<T>(selector: (state: TineState) => T): T {
  return useStore(tineStore, selector)
}
