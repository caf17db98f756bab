/** Agent runs as the renderer sees them (issue 5). Plain JSON; never carries an API key. */

export interface ProviderOption {
  id: string
  label: string
  models: string[]
  /** True for the built-in offline scripted model (deterministic, no key). */
  offline: boolean
}

export interface ToolOption {
  name: string
  description: string
  sideEffects: boolean
}

export interface AgentCatalog {
  providers: ProviderOption[]
  tools: ToolOption[]
  /** Names of the secrets that are set (never their values). */
  secretsSet: string[]
  /** Whether keys typed in the app can be stored encrypted here (Electron safeStorage). */
  canStoreSecrets: boolean
}

export interface AgentStartedView {
  file: string
  runId: string
}

export type ActiveRunState = 'starting' | 'running' | 'pausing' | 'paused' | 'completed' | 'failed' | 'cancelled' | 'needs-review'

export interface ActiveRunView {
  file: string
  runId: string
  state: ActiveRunState
  stepCount: number
  /** The step being worked on right now, when known (e.g. "calling read_file"). */
  activity: string | null
  error: string | null
}
