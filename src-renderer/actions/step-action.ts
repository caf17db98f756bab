/** What choosing an action does, whether it came from the menu, an inspector button or a shortcut. */
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
    case 'resume':
      void actions.setRunStatus('running')
      return
    case 'compare':
      actions.compareOpenRun()
  }
}

export function runStepAction(id: StepActionId, stepId: string | null, actions: RunActions): void {
  runStepActionOn(tineStore, id, stepId, actions)
}
