/** The transport the renderer talks through: the Electron bridge when present, else browser mode's HTTP API. */
import type { TineBridge } from '../../src-shared/api/bridge'
import type { TineApi } from '../../src-shared/api/contract'
import { createBridgeApi } from './bridge-client'
import { createHttpApi, takeToken } from './http-client'
import './window-bridge'

export type ApiMode = 'electron' | 'browser'

export interface ApiConnection {
  api: TineApi
  mode: ApiMode
  bridge: TineBridge | null
}

export function connectApi(win: Window = window): ApiConnection {
  if (win.tineBridge) return { api: createBridgeApi(win.tineBridge), mode: 'electron', bridge: win.tineBridge }
  const token = takeToken({ location: win.location, storage: win.sessionStorage, history: win.history })
  const api = createHttpApi({
    origin: win.location.origin,
    token,
    fetch: win.fetch.bind(win),
    openEvents: (url) => new EventSource(url)
  })
  return { api, mode: 'browser', bridge: null }
}
