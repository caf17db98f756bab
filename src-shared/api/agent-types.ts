/** Agent runs as the renderer sees them. Plain JSON; never carries an API key. */

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

export type ActiveRunState =
  'starting' | 'running' | 'pausing' | 'paused' | 'completed' | 'failed' | 'cancelled' | 'needs-review'

export interface ActiveRunView {
  file: string
  runId: string
  state: ActiveRunState
  stepCount: number
  /** The step being worked on right now, when known (e.g. "calling read_file"). */
  activity: string | null
  error: string | null
}

/** "Continue this run…": what the form is prefilled with, and why the run cannot be continued (if so). */
export interface ContinueInfoView {
  file: string
  runId: string
  status: string
  /** True when this machine started the run (or its origin) and recorded its agent. */
  recordedHere: boolean
  provider: string | null
  model: string | null
  /** The recorded tools this app has. */
  tools: string[]
  /** The recorded tools this app does not have: the run can only continue with the model alone. */
  missingTools: string[]
  /** The folder the recorded tools read, when it is still inside an opened folder. */
  toolRoot: string | null
  /** The run whose record serves matching calls (the fork's origin), when it is open. */
  originFile: string | null
  /** Why the run cannot be continued in place (completed, failed, running, needs review), or null. */
  blocked: string | null
}

export type EditTarget = 'tool-result' | 'model-output' | 'input'

export interface EditResultView {
  /** The new fork holding the edit. */
  file: string
  runId: string
  /** The step that was edited, in the source. */
  original: string
  /** The edited step written in the fork; null for an input edit (the agent writes that step when it continues). */
  stepId: string | null
  /** Where the fork was taken (the edited step's parent). */
  forkPoint: string
}
