/** App-wide presentation: theme, which side panel is shown, the mode we run in, notices. */
import type { SliceCreator } from './types'

export type ThemePreference = 'system' | 'light' | 'dark'
export type SidePanel = 'step' | 'run' | 'transcript'

/** A modal dialog on screen, as its frame registers it. */
export interface OpenDialog {
  close(): void
}

export interface UiSlice {
  themePreference: ThemePreference
  systemPrefersDark: boolean
  sidePanel: SidePanel
  mode: 'electron' | 'browser' | null
  version: string | null
  /** A one-line message for the user (drop refused, folder failed to open ...). */
  notice: string | null
  /** A link the user clicked in step text, waiting for confirmation before it opens. */
  pendingLink: string | null
  /** The modal dialogs on screen, bottom to top: Escape closes the last one, and shortcuts are off while any is open. */
  openDialogs: OpenDialog[]
  setThemePreference(preference: ThemePreference): void
  setSystemPrefersDark(dark: boolean): void
  setSidePanel(panel: SidePanel): void
  setAppInfo(mode: 'electron' | 'browser', version: string | null): void
  setNotice(notice: string | null): void
  setPendingLink(url: string | null): void
  registerDialog(dialog: OpenDialog): void
  unregisterDialog(dialog: OpenDialog): void
}

export function resolvedTheme(preference: ThemePreference, systemPrefersDark: boolean): 'light' | 'dark' {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light'
  return preference
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  themePreference: 'system',
  systemPrefersDark: false,
  sidePanel: 'step',
  mode: null,
  version: null,
  notice: null,
  pendingLink: null,
  openDialogs: [],
  setThemePreference: (themePreference) => set({ themePreference }),
  setSystemPrefersDark: (systemPrefersDark) => set({ systemPrefersDark }),
  setSidePanel: (sidePanel) => set({ sidePanel }),
  setAppInfo: (mode, version) => set({ mode, version }),
  setNotice: (notice) => set({ notice }),
  setPendingLink: (pendingLink) => set({ pendingLink }),
  registerDialog: (dialog) => set((state) => ({ openDialogs: [...state.openDialogs, dialog] })),
  unregisterDialog: (dialog) =>
    set((state) => ({ openDialogs: state.openDialogs.filter((candidate) => candidate !== dialog) }))
})
