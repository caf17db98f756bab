/** The one TineApi the renderer uses: the Electron bridge when present, else browser mode's HTTP API. */
import type { TineApi } from '../../src-shared/api/contract'
import { createBridgeApi } from './bridge-client'
import type { TineBridge } from './bridge-types'
import { createHttpApi, takeToken } from './http-client'

export type ApiMode = 'electron' | 'browser'

export interface ApiClient {
  api: TineApi
  mode: ApiMode
  bridge: TineBridge | null
}

export function createApiClient(win: Window = window): ApiClient {
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
