/** What the Electron preload exposes on `window.tineBridge` (named methods only). */
import type { PushEvent } from '../../src-shared/api/contract'

export interface TineBridge {
  /** Rejects for channels outside the contract's allow-list. */
  invoke(channel: string, request: unknown): Promise<unknown>
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: PushEvent) => void): () => void
  /** The absolute path of a dropped file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string
}

declare global {
  interface Window {
    tineBridge?: TineBridge
  }
}
