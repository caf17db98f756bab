/**
 * What crosses IPC for one invoke. Handlers never throw: Electron would flatten a thrown error to
 * a message string and lose its code, so failures travel as data and the preload rethrows them.
 */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: string; code: string }

export const IPC_PREFIX = 'tine:'
/** Push events from main to every window. */
export const IPC_EVENT_CHANNEL = 'tine:event'

export function ipcChannelName(channel: string): string {
  return IPC_PREFIX + channel
}
