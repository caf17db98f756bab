/** Everything of the actions that floats above the app: the step menu, the dialogs and the shortcuts. */
import './actions.css'
import { useActions } from '../api/actions-context'
import { tineStore } from '../store/store'
import { CompareDialog } from './CompareDialog'
import { ConflictDialog } from './ConflictDialog'
import { ForkDialog } from './ForkDialog'
import { useActionShortcuts } from './shortcuts'
import { SignatureDialog } from './SignatureDialog'
import { StepMenu } from './StepMenu'

export function ActionsLayer() {
  const actions = useActions()
  useActionShortcuts(tineStore, actions)
  return (
    <>
      <StepMenu />
      <ForkDialog />
      <ConflictDialog />
      <SignatureDialog />
      <CompareDialog />
    </>
  )
}
