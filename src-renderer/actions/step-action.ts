/** What choosing an action does, whether it came from the menu, an inspector button or a shortcut. */
import { clientOf } from '../store/client-slice'
import type { TineState } from '../store/types'
import type { StepActionId } from './capabilities'

export function runStepAction(state: TineState, id: StepActionId, stepId: string | null): void {
  const { calls, agentCalls } = clientOf(state)
  switch (id) {
    case 'retry':
      if (stepId) state.openForkDialog(stepId, 'before')
      return
    case 'branch':
      if (stepId) state.openForkDialog(stepId, 'after')
      return
    case 'pause':
      void calls.setRunStatus('paused')
      return
    case 'resume': {
      // Resume continues the agent; a run this machine did not start opens the Continue form instead.
      const file = state.openRun?.file
      if (file) void agentCalls.resume(file)
      return
    }
    case 'continue':
      if (state.openRun) state.openContinueDialog(state.openRun.file)
      return
    case 'edit':
      if (stepId) state.openEditDialog(stepId)
      return
    case 'compare':
      calls.compareOpenRun()
  }
}
