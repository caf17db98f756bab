/** Named selectors: each reads one field, so components re-render only for what they show. */
import type { TineState } from './types'
import { resolvedTheme } from './ui-slice'

export const selectFolders = (state: TineState) => state.folders
export const selectFoldersLoaded = (state: TineState) => state.foldersLoaded
export const selectFoldersError = (state: TineState) => state.foldersError
export const selectQuery = (state: TineState) => state.query
export const selectListCursor = (state: TineState) => state.listCursor
export const selectOpenFile = (state: TineState) => state.openFile
export const selectOpenRun = (state: TineState) => state.openRun
export const selectRunState = (state: TineState) => state.runState
export const selectRunError = (state: TineState) => state.runError
export const selectRunRemoved = (state: TineState) => state.runRemoved
export const selectRunLoadStartedAt = (state: TineState) => state.runLoadStartedAt
export const selectRunLoadBytes = (state: TineState) => state.runLoadBytes
export const selectSelectedStepId = (state: TineState) => state.selectedStepId
export const selectStepDetails = (state: TineState) => state.stepDetails
export const selectStepErrors = (state: TineState) => state.stepErrors
export const selectStepQuery = (state: TineState) => state.stepQuery
export const selectStepMatchIndex = (state: TineState) => state.stepMatchIndex
export const selectThemePreference = (state: TineState) => state.themePreference
export const selectSystemPrefersDark = (state: TineState) => state.systemPrefersDark
export const selectDarkTheme = (state: TineState) =>
  resolvedTheme(state.themePreference, state.systemPrefersDark) === 'dark'
export const selectSidePanel = (state: TineState) => state.sidePanel
export const selectMode = (state: TineState) => state.mode
export const selectVersion = (state: TineState) => state.version
export const selectNotice = (state: TineState) => state.notice
export const selectPendingLink = (state: TineState) => state.pendingLink
export const selectLayout = (state: TineState) => state.layout
