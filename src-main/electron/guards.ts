/**
 * The renderer shows untrusted step text, so every webContents is locked in place: no
 * navigation, no new windows, no <webview>, no permissions. Links leave the app only through
 * the OS browser, and only for http(s).
 */
import type { Session, WebContents } from 'electron'

export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

/**
 * The renderer asks the user before it calls window.open(url); here the request is denied as a
 * window and, when it is a web link, handed to the OS browser instead.
 */
export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
