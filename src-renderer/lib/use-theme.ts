/** Follows the OS colour scheme unless the user picked one; applies it to <html data-theme>. */
import { useEffect } from 'react'
import { selectSystemPrefersDark, selectThemePreference } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { resolvedTheme, type ThemePreference } from '../store/ui-slice'

const STORAGE_KEY = 'tine_theme'

export function loadThemePreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'light' || saved === 'dark' || saved === 'system') return saved
  } catch {
    // Storage may be unavailable; the OS setting applies.
  }
  return 'system'
}

export function saveThemePreference(preference: ThemePreference): void {
  try {
    localStorage.setItem(STORAGE_KEY, preference)
  } catch {
    // Not remembered; harmless.
  }
}

export function useTheme(): void {
  const preference = useTine(selectThemePreference)
  const systemDark = useTine(selectSystemPrefersDark)
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)')
    if (!media) return
    tineStore.getState().setSystemPrefersDark(media.matches)
    const onChange = (event: MediaQueryListEvent) => tineStore.getState().setSystemPrefersDark(event.matches)
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
  }, [])
  useEffect(() => {
    document.documentElement.dataset.theme = resolvedTheme(preference, systemDark)
  }, [preference, systemDark])
}
