/**
 * The renderer's one client: the api it talks through and the calls made over it. main.tsx creates
 * it once and puts it in the store; components reach it with the hooks below, slices and
 * keyboard commands through `clientOf(state)` (store/client-slice.ts).
 */
import type { TineBridge } from '../../src-shared/api/bridge'
import type { TineApi } from '../../src-shared/api/contract'
import { createAgentCalls, type AgentCalls } from '../agents/agent-calls'
import { useTine, type TineStore } from '../store/store'
import { clientOf } from '../store/client-slice'
import { createCalls, type Calls } from './calls'
import type { ApiConnection, ApiMode } from './connect-api'

export interface Client {
  api: TineApi
  mode: ApiMode
  bridge: TineBridge | null
  calls: Calls
  agentCalls: AgentCalls
}

export function createClient(connection: ApiConnection, store: TineStore): Client {
  const calls = createCalls(connection.api, store)
  const agentCalls = createAgentCalls(connection.api, store, { openRun: (file) => calls.openRun(file) })
  return { ...connection, calls, agentCalls }
}

export function useClient(): Client {
  return useTine(clientOf)
}

export function useCalls(): Calls {
  return useClient().calls
}

export function useAgentCalls(): AgentCalls {
  return useClient().agentCalls
}
