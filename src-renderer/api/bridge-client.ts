/** TineApi over the Electron preload bridge. */
import { ApiError, type Channel, type RequestOf, type ResponseOf, type TineApi } from '../../src-shared/api/contract'
import type { TineBridge } from './bridge-types'

// ipcRenderer.invoke wraps a handler's error as "Error invoking remote method 'tine:x': ApiError: message".
const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/

export function createBridgeApi(bridge: TineBridge): TineApi {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      try {
        return (await bridge.invoke(channel, request)) as ResponseOf<C>
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        const code = error instanceof ApiError ? error.code : 'ipc-error'
        throw new ApiError(code, message.replace(REMOTE_PREFIX, ''))
      }
    },
    onEvent: (listener) => bridge.onEvent(listener)
  }
}
