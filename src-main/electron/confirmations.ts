/**
 * What the main process confirms with the user itself, in a native dialog, because the renderer
 * that asked may be compromised: opening a link in the OS browser, and pointing a provider at a
 * server (a base URL receives the prompts, the run's data and the API key), and opening a folder
 * that holds other users' or the system's folders.
 */
import type { MessageBoxOptions } from 'electron'

/** The base URL a settings request would store, or null when the request stores none. */
export function baseUrlToConfirm(channel: string, payload: unknown): string | null {
  if (channel !== 'settings.setSecret' || !payload || typeof payload !== 'object') return null
  const { name, value } = payload as { name?: unknown; value?: unknown }
  if (typeof name !== 'string' || !name.endsWith('_BASE_URL') || typeof value !== 'string') return null
  return value.trim() === '' ? null : value.trim()
}

export function externalLinkQuestion(url: string): MessageBoxOptions {
  return {
    type: 'question',
    message: 'Open this link in your browser?',
    detail: `${url}\n\nThe link comes from a run's step text, which anyone could have written.`,
    buttons: ['Open Link', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true
  }
}

export function baseUrlQuestion(url: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: 'Send agent requests to this server?',
    detail: `${url}\n\nIt will receive your prompts, the run's data and the API key you set for it.`,
    buttons: ['Use This Server', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true
  }
}

/** `reason` is the main side's own refusal ("/ is the root of the file system: ..."). */
export function broadFolderQuestion(reason: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: 'Open this folder?',
    detail: `${reason}.\n\nListing reads every .tine file up to two folders deep and watches each folder for changes.`,
    buttons: ['Open Anyway', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true
  }
}
