/**
 * A small in-memory API for testing the transport (HTTP server, IPC wrapper) on its own: it
 * records what reached it, answers by channel, and pushes events on demand.
 */
import { type PushEvent } from '../../src-shared/api/contract'
import { ApiError } from '../../src-shared/api/api-error'

export interface RecordedCall {
  channel: string
  payload: unknown
}

export class ServedApiDouble {
  readonly calls: RecordedCall[] = []
  private readonly listeners = new Set<(event: PushEvent) => void>()

  async dispatch(channel: string, payload: unknown): Promise<unknown> {
    this.calls.push({ channel, payload })
    switch (channel) {
      case 'app.info':
        return { version: '9.9.9', mode: 'browser', platform: process.platform }
      case 'folders.list':
        return []
      case 'runs.load':
        throw new ApiError('forbidden-path', 'path is outside the opened folders')
      case 'folders.close':
        throw new ApiError('internal', 'the index cache is broken')
      case 'runs.step':
        throw new Error('disk on fire at /secret/place')
      default:
        throw new ApiError('unknown-channel', `unknown channel ${JSON.stringify(channel)}`)
    }
  }

  /** The same answers, as the HTTP server asks for them. */
  dispatchWire(channel: string, payload: unknown): Promise<unknown> {
    return this.dispatch(channel, payload)
  }

  onEvent(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  push(event: PushEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
