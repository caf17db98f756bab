/** Everything of the agents that floats above the app: the dialogs. */
import './agents.css'
import { tineStore } from '../store/store'
import { EditStepDialog } from './EditStepDialog'
import { ContinueRunDialog, NewRunDialog } from './NewRunDialog'
import { RetryWithChangesDialog } from './RetryWithChangesDialog'
import { SecretsForm } from './SecretsForm'

export function AgentsLayer() {
  return (
    <>
      <NewRunDialog />
      <RetryWithChangesDialog />
      <ContinueRunDialog />
      <EditStepDialog />
      <SecretsForm />
    </>
  )
}

export function NewRunButton() {
  return (
    <button
      type="button"
      data-testid="new-run"
      title="Start an agent run (Ctrl+Shift+N)"
      onClick={() => tineStore.getState().openNewRunDialog()}
    >
      New run…
    </button>
  )
}
