/**
 * What the Electron preload exposes on `window.tineBridge` (named methods only). The preload is
 * typed against it and the renderer calls through it, so the two cannot drift apart.
 */
import type { PushEvent } from './contract'

export interface TineBridge {
  /**
   * Resolves with the response's JSON text (one string crosses the bridge, not a clone of every
   * object in a big view). Rejects with a plain {error, code} object for channels outside the
   * contract's allow-list and for failures.
   */
  invoke(channel: string, request: unknown): Promise<string>
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: PushEvent) => void): () => void
  /** The absolute path of a dropped file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string
}
