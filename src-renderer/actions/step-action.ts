/** What choosing an action does, whether it came from the menu, an inspector button or a shortcut. */
import { agentsApi, createAgentActions } from '../agents/agents-api'
import { tineStore, type TineStore } from '../store/store'
import type { StepActionId } from './capabilities'
import type { RunActions } from './run-actions'

export function runStepActionOn(store: TineStore, id: StepActionId, stepId: string | null, actions: RunActions): void {
  const state = store.getState()
  switch (id) {
    case 'retry':
      if (stepId) state.openForkDialog(stepId, 'before')
      return
    case 'branch':
      if (stepId) state.openForkDialog(stepId, 'after')
      return
    case 'pause':
      void actions.setRunStatus('paused')
      return
    case 'resume': {
      // Resume continues the agent; a run this machine did not start opens the Continue form instead.
      const file = state.openRun?.file
      const openRun =
        (actions as Partial<{ openRun(file: string): Promise<void> }>).openRun ?? (() => Promise.resolve())
      if (file) void createAgentActions(agentsApi(), store, { openRun }).resume(file)
      return
    }
    case 'continue':
      if (state.openRun) state.openContinueDialog(state.openRun.file)
      return
    case 'edit':
      if (stepId) state.openEditDialog(stepId)
      return
    case 'compare':
      actions.compareOpenRun()
  }
}

export function runStepAction(id: StepActionId, stepId: string | null, actions: RunActions): void {
  runStepActionOn(tineStore, id, stepId, actions)
}
