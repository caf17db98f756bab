/**
 * State of agent runs: the catalog of providers and tools, the runs an agent is executing
 * (keyed by file, fed by 'agent' push events), and which agent dialog is open.
 */
import type { ActiveRunState, ActiveRunView, AgentCatalog } from '../../src-shared/api/agent-types'
import type { SliceCreator } from '../store/types'

/** States in which the runner process is gone: the run only changes again through the user. */
export const FINISHED_STATES: ReadonlySet<ActiveRunState> = new Set(['completed', 'failed', 'cancelled'])

export function isLive(run: ActiveRunView | undefined | null): boolean {
  return !!run && !FINISHED_STATES.has(run.state) && run.state !== 'needs-review' && run.state !== 'paused'
}

export type AgentBusy = 'start' | 'retry' | 'control' | 'review' | 'secret' | 'continue' | 'edit' | null

/** "Continue this run…" for a file, with why it opened there (e.g. Resume of a run not started here). */
export interface ContinueDialogState {
  file: string
  note: string | null
}

export interface AgentsSlice {
  agentCatalog: AgentCatalog | null
  agentCatalogError: string | null
  /** Agent runs by absolute file path, as the last push or answer described them. */
  agentRuns: Record<string, ActiveRunView>
  newRunDialog: boolean
  /** The step whose retry-with-changes dialog is open. */
  retryDialog: { stepId: string } | null
  secretsDialog: boolean
  continueDialog: ContinueDialogState | null
  /** The step whose "Edit before continuing" dialog is open. */
  editDialog: { stepId: string } | null
  agentBusy: AgentBusy
  /** Why the last start/retry/control/review failed; shown where the user acted. */
  agentError: string | null

  setAgentCatalog(catalog: AgentCatalog | null, error?: string | null): void
  upsertAgentRun(run: ActiveRunView): void
  setAgentRuns(runs: ActiveRunView[]): void
  openNewRunDialog(): void
  closeNewRunDialog(): void
  openRetryDialog(stepId: string): void
  closeRetryDialog(): void
  setSecretsDialog(open: boolean): void
  openContinueDialog(file: string, note?: string | null): void
  closeContinueDialog(): void
  openEditDialog(stepId: string): void
  closeEditDialog(): void
  setAgentBusy(busy: AgentBusy): void
  setAgentError(message: string | null): void
}

export const createAgentsSlice: SliceCreator<AgentsSlice> = (set) => ({
  agentCatalog: null,
  agentCatalogError: null,
  agentRuns: {},
  newRunDialog: false,
  retryDialog: null,
  secretsDialog: false,
  continueDialog: null,
  editDialog: null,
  agentBusy: null,
  agentError: null,

  setAgentCatalog: (agentCatalog, agentCatalogError = null) => set({ agentCatalog, agentCatalogError }),
  upsertAgentRun: (run) => set((state) => ({ agentRuns: { ...state.agentRuns, [run.file]: run } })),
  setAgentRuns: (runs) =>
    set((state) => {
      // Runs that finished stay known (their bar shows the outcome); live ones come from the answer.
      const agentRuns: Record<string, ActiveRunView> = {}
      for (const [file, run] of Object.entries(state.agentRuns)) if (!isLive(run)) agentRuns[file] = run
      for (const run of runs) agentRuns[run.file] = run
      return { agentRuns }
    }),
  openNewRunDialog: () => set({ newRunDialog: true, retryDialog: null, agentError: null, stepMenu: null }),
  closeNewRunDialog: () => set({ newRunDialog: false, agentError: null }),
  openRetryDialog: (stepId) => set({ retryDialog: { stepId }, newRunDialog: false, agentError: null, stepMenu: null }),
  closeRetryDialog: () => set({ retryDialog: null, agentError: null }),
  setSecretsDialog: (secretsDialog) => set({ secretsDialog, agentError: null }),
  openContinueDialog: (file, note = null) =>
    set({
      continueDialog: { file, note },
      newRunDialog: false,
      retryDialog: null,
      editDialog: null,
      agentError: null,
      stepMenu: null
    }),
  closeContinueDialog: () => set({ continueDialog: null, agentError: null }),
  openEditDialog: (stepId) =>
    set({
      editDialog: { stepId },
      newRunDialog: false,
      retryDialog: null,
      continueDialog: null,
      agentError: null,
      stepMenu: null
    }),
  closeEditDialog: () => set({ editDialog: null, agentError: null }),
  setAgentBusy: (agentBusy) => set({ agentBusy }),
  setAgentError: (agentError) => set({ agentError })
})
