/** The whole renderer state: the union of the slices. Slice creators see all of it. */
import type { StateCreator } from 'zustand'
import type { ActionsSlice } from '../actions/actions-slice'
import type { AgentsSlice } from '../agents/agents-slice'
import type { ClientSlice } from './client-slice'
import type { DiffSlice } from '../diff/diff-slice'
import type { FoldersSlice } from './folders-slice'
import type { LayoutSlice } from './layout-slice'
import type { RunSlice } from './run-slice'
import type { SearchSlice } from './search-slice'
import type { SelectionSlice } from './selection-slice'
import type { UiSlice } from './ui-slice'
import type { ViewsSlice } from '../views/views-slice'

export type TineState = ClientSlice &
  FoldersSlice &
  RunSlice &
  SelectionSlice &
  SearchSlice &
  UiSlice &
  LayoutSlice &
  DiffSlice &
  ActionsSlice &
  AgentsSlice &
  ViewsSlice

export type SliceCreator<Slice> = StateCreator<TineState, [], [], Slice>
