/**
 * The agent calls: catalog, start, pause/resume/cancel, retry with changes, review, secrets. Each
 * asks the main side and records the answer in the store.
 */
import { ApiError } from '../../src-shared/api/api-error'
import type { RequestOf, TineApi } from '../../src-shared/api/contract'
import type { ActiveRunView, AgentStartedView, ContinueInfoView, EditTarget } from '../../src-shared/api/agent-types'
import type { TineStore } from '../store/store'
import { messageOf } from '../../src-shared/tine/errors'

export type StartRequest = RequestOf<'agents.start'>
export type ContinueRequest = RequestOf<'agents.continue'>
export type RetryChanges = RequestOf<'agents.retry'>['changes']
/** The user confirmed writing from a file that failed its integrity check; the written run records it. */
export interface IntegrityOverride {
  overrideIntegrity?: true
}
export type ControlAction = RequestOf<'agents.control'>['action']
export type ReviewAction = RequestOf<'agents.review'>['action']
export type SecretName = RequestOf<'settings.setSecret'>['name']

export interface AgentCalls {
  loadCatalog(): Promise<void>
  /** Starts a run and opens it; false (with the error in the store) when the main side refused. */
  startRun(request: StartRequest): Promise<boolean>
  control(file: string, action: ControlAction): Promise<void>
  /** Forks the open run before the step with the changes and runs it; opens the new run. */
  retryStep(stepId: string, changes: RetryChanges, options?: IntegrityOverride): Promise<boolean>
  review(file: string, action: ReviewAction, result?: string): Promise<boolean>
  /**
   * Resume a paused run through the agent this machine recorded for it; a run this machine did not
   * start opens "Continue this run…" instead, where the user picks the agent.
   */
  resume(file: string): Promise<void>
  /** What "Continue this run…" is prefilled with; null (error in the store) when it cannot be read. */
  continueInfo(file: string): Promise<ContinueInfoView | null>
  /** Continues the run from its tip with the chosen agent and shows it. */
  continueRun(request: ContinueRequest): Promise<boolean>
  /** Writes the edit on a new fork, opens it, and offers to continue it. */
  editStep(stepId: string, target: EditTarget, value: string, options?: IntegrityOverride): Promise<boolean>
  setSecret(name: SecretName, value: string): Promise<boolean>
}

interface Dependencies {
  openRun(file: string): Promise<void>
}

/** What the bar shows between the answer and the first push. */
function startingView(started: AgentStartedView): ActiveRunView {
  return { file: started.file, runId: started.runId, state: 'starting', stepCount: 0, activity: null, error: null }
}

export function createAgentCalls(api: TineApi, store: TineStore, deps: Dependencies): AgentCalls {
  /** Runs one request under a busy flag; the error lands in the store. */
  const guarded = async <T>(
    busy: NonNullable<ReturnType<TineStore['getState']>['agentBusy']>,
    call: () => Promise<T>
  ): Promise<T | null> => {
    const state = store.getState()
    if (state.agentBusy) return null
    state.setAgentBusy(busy)
    state.setAgentError(null)
    try {
      return await call()
    } catch (error) {
      store.getState().setAgentError(messageOf(error))
      return null
    } finally {
      store.getState().setAgentBusy(null)
    }
  }

  const openStarted = async (started: AgentStartedView) => {
    // A push may already have described the run further than "starting".
    if (!store.getState().agentRuns[started.file]) store.getState().upsertAgentRun(startingView(started))
    await deps.openRun(started.file)
  }

  const loadCatalog = async () => {
    try {
      store.getState().setAgentCatalog(await api.invoke('agents.catalog', {}))
    } catch (error) {
      store.getState().setAgentCatalog(null, messageOf(error))
    }
  }

  return {
    loadCatalog,

    async startRun(request) {
      const started = await guarded('start', () => api.invoke('agents.start', request))
      if (!started) return false
      store.getState().closeNewRunDialog()
      await openStarted(started)
      return true
    },

    async control(file, action) {
      const view = await guarded('control', () => api.invoke('agents.control', { file, action }))
      if (view) store.getState().upsertAgentRun(view)
    },

    async retryStep(stepId, changes, options = {}) {
      const file = store.getState().openFile
      if (!file) return false
      const started = await guarded('retry', () => api.invoke('agents.retry', { file, stepId, changes, ...options }))
      if (!started) return false
      store.getState().closeRetryDialog()
      await openStarted(started)
      return true
    },

    async review(file, action, result) {
      const request: RequestOf<'agents.review'> = result === undefined ? { file, action } : { file, action, result }
      const started = await guarded('review', () => api.invoke('agents.review', request))
      if (!started) return false
      const previous = store.getState().agentRuns[started.file]
      // The review panel goes away at once; the runner's pushes tell the rest.
      store.getState().upsertAgentRun({ ...(previous ?? startingView(started)), state: 'running', error: null })
      if (started.file !== store.getState().openFile) await deps.openRun(started.file)
      return true
    },

    async resume(file) {
      const state = store.getState()
      if (state.agentBusy) return
      state.setAgentBusy('control')
      state.setAgentError(null)
      try {
        store.getState().upsertAgentRun(await api.invoke('agents.control', { file, action: 'resume' }))
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not-recorded')
          store.getState().openContinueDialog(file, messageOf(error))
        else store.getState().setAgentError(messageOf(error))
      } finally {
        store.getState().setAgentBusy(null)
      }
    },

    async continueInfo(file) {
      try {
        return await api.invoke('agents.continueInfo', { file })
      } catch (error) {
        store.getState().setAgentError(messageOf(error))
        return null
      }
    },

    async continueRun(request) {
      const before = store.getState().agentRuns[request.file]
      const started = await guarded('continue', () => api.invoke('agents.continue', request))
      if (!started) return false
      store.getState().closeContinueDialog()
      // A fast run may have pushed its progress (or its end) before this answer: that is newer than "starting".
      const now = store.getState().agentRuns[started.file]
      if (now === before)
        store.getState().upsertAgentRun({ ...(now ?? startingView(started)), state: 'starting', error: null })
      if (started.file !== store.getState().openFile) await deps.openRun(started.file)
      return true
    },

    async editStep(stepId, target, value, options = {}) {
      const file = store.getState().openFile
      if (!file) return false
      const edited = await guarded('edit', () => api.invoke('agents.edit', { file, stepId, target, value, ...options }))
      if (!edited) return false
      store.getState().closeEditDialog()
      store.getState().setFocusStep({ file: edited.file, stepId: edited.stepId ?? edited.forkPoint })
      await deps.openRun(edited.file)
      store.getState().openContinueDialog(edited.file, null)
      return true
    },

    async setSecret(name, value) {
      const done = await guarded('secret', () => api.invoke('settings.setSecret', { name, value }))
      if (!done) return false
      // The catalog lists the providers whose keys are set: it changes with this one.
      await loadCatalog()
      return true
    }
  }
}
