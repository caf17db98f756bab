/** The main window: the security settings, and restoring its size and position. */
import { BrowserWindow, nativeTheme, screen, type Rectangle } from 'electron'
import type { WindowBounds } from './app-state'

export interface WindowFiles {
  preload: string
  /** app://opentine/index.html, served by app-protocol.ts from the built renderer. */
  rendererUrl: string
}

const DEFAULT_SIZE = { width: 1280, height: 820 }

export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false
} as const

export function createMainWindow(files: WindowFiles, bounds: WindowBounds | null, maximized: boolean): BrowserWindow {
  const placed = bounds && isOnSomeDisplay(bounds) ? bounds : DEFAULT_SIZE
  const window = new BrowserWindow({
    ...placed,
    minWidth: 640,
    minHeight: 420,
    // Shown at once: the renderer says "Loading folders…" while a big folder is indexed.
    show: true,
    title: 'opentine',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: files.preload }
  })
  if (maximized) window.maximize()
  // A failed load is reported by window-health.ts ('did-fail-load'); the rejection carries nothing more.
  window.loadURL(files.rendererUrl).catch(() => undefined)
  return window
}

/** A window saved on a monitor that is gone would open off-screen. */
function isOnSomeDisplay(bounds: WindowBounds): boolean {
  return screen.getAllDisplays().some((display) => intersects(display.workArea, bounds))
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
