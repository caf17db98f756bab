/** The store's entry for the app's one client (see api/client.ts), set once at start-up. */
import type { Client } from '../api/client'
import type { SliceCreator, TineState } from './types'

export interface ClientSlice {
  client: Client | null
  setClient(client: Client): void
}

export const createClientSlice: SliceCreator<ClientSlice> = (set) => ({
  client: null,
  setClient: (client) => set({ client })
})

/** The client, for slices and keyboard commands; components use useClient(). */
export function clientOf(state: TineState): Client {
  if (!state.client) throw new Error('the app is not connected to its main side')
  return state.client
}
