/**
 * The renderer shows untrusted step text, so every webContents is locked in place: no
 * navigation, no new windows, no <webview>. One permission is granted, clipboard write, and only
 * to our own renderer's main frame (the Copy buttons use navigator.clipboard.writeText). Links
 * leave the app only through the OS browser, only for http(s), and only after the main process
 * itself asked the user: a compromised renderer cannot open anything on its own.
 */
import type { Session, WebContents } from 'electron'
import { isAppUrl } from './app-protocol'

export const GRANTED_PERMISSION = 'clipboard-sanitized-write'

export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
    )
  } catch {
    return false
  }
}

/** Asks the user (a native dialog naming the URL); resolves true when they chose to open it. */
export type ConfirmExternal = (url: string) => Promise<boolean>

/**
 * The renderer calls window.open(url) for a link; here the request is denied as a window and,
 * when it is a web link the user confirms in a native dialog, handed to the OS browser instead.
 */
export function guardWebContents(
  contents: WebContents,
  confirm: ConfirmExternal,
  openExternal: (url: string) => void
): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      void confirm(url).then(
        (yes) => {
          if (yes) openExternal(url)
        },
        () => undefined
      )
    }
    return { action: 'deny' }
  })
}

interface FrameFacts {
  requestingUrl?: string
  isMainFrame?: boolean
}

/** The one permission, for our renderer's main frame only (not a sub-frame, not another page). */
export function isPermissionGranted(permission: string, facts: FrameFacts | undefined): boolean {
  const url = facts?.requestingUrl
  return permission === GRANTED_PERMISSION && facts?.isMainFrame === true && typeof url === 'string' && isAppUrl(url)
}

export function restrictPermissions(session: Session): void {
  // Chromium checks before it asks: both handlers must agree, or writeText is refused.
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details))
  )
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(permission, details)
  )
}
