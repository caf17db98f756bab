/**
 * What crosses IPC for one invoke. Handlers never throw: Electron would flatten a thrown error to
 * a message string and lose its code, so failures travel as data and the preload rethrows them.
 * A response travels as its JSON text, as over HTTP: a big run's view is then the load worker's
 * own text, copied as one string instead of cloned object by object, and parsed once, in the page.
 */
export type IpcReply = { ok: true; json: string } | { ok: false; error: string; code: string }

export const IPC_PREFIX = 'tine:'
/** Push events from main to every window. */
export const IPC_EVENT_CHANNEL = 'tine:event'

export function ipcChannelName(channel: string): string {
  return IPC_PREFIX + channel
}
