/** TineApi over the Electron preload bridge. */
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import type { TineBridge } from '../../src-shared/api/bridge'

// ipcRenderer.invoke wraps a thrown handler error as "Error invoking remote method 'tine:x': Error: message".
const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/

/** The preload rejects with a plain {error, code} object (contextBridge would keep only an Error's message). */
export function bridgeError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error && typeof error === 'object' && typeof (error as { error?: unknown }).error === 'string') {
    const { error: message, code } = error as { error: string; code?: unknown }
    return new ApiError(typeof code === 'string' ? code : 'ipc-error', message)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError('ipc-error', message.replace(REMOTE_PREFIX, ''))
}

export function createBridgeApi(bridge: TineBridge): TineApi {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      try {
        return JSON.parse(await bridge.invoke(channel, request)) as ResponseOf<C>
      } catch (error) {
        throw bridgeError(error)
      }
    },
    onEvent: (listener) => bridge.onEvent(listener)
  }
}
