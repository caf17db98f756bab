/** Puts a client over a test's api into the store, as main.tsx does with the real one. */
import type { TineApi } from '../../src-shared/api/contract'
import { createClient, type Client } from '../api/client'
import { tineStore, type TineStore } from '../store/store'

export function connectClient(api: TineApi, store: TineStore = tineStore): Client {
  const client = createClient({ api, mode: 'browser', bridge: null }, store)
  store.getState().setClient(client)
  return client
}
