/**
 * What choosing an action does, whether it came from the menu, an inspector button or a shortcut.
 * On a run that failed its integrity check every write goes through a dialog that asks for the
 * user's explicit confirmation first: the fork, edit and continue dialogs, or the pause confirmation.
 */
import { clientOf } from '../store/client-slice'
import type { TineState } from '../store/types'
import { integrityOverrideReason, type StepActionId } from './capabilities'

export function runStepAction(state: TineState, id: StepActionId, stepId: string | null): void {
  const { calls, agentCalls } = clientOf(state)
  const confirming = integrityOverrideReason(state.openRun, state.runRemoved) !== null
  switch (id) {
    case 'retry':
      if (stepId) state.openForkDialog(stepId, 'before')
      return
    case 'branch':
      if (stepId) state.openForkDialog(stepId, 'after')
      return
    case 'pause':
      if (confirming && state.openRun) state.setIntegrityConfirm({ file: state.openRun.file, status: 'paused' })
      else void calls.setRunStatus('paused')
      return
    case 'resume': {
      // Resume continues the agent; a run this machine did not start opens the Continue form instead,
      // and so does a run that failed its check: that form asks for the confirmation.
      const file = state.openRun?.file
      if (file && confirming) state.openContinueDialog(file)
      else if (file) void agentCalls.resume(file)
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
