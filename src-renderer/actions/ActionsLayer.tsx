/** Everything of the actions that floats above the app: the step menu, the dialogs and the shortcuts. */
import './actions.css'
import { tineStore } from '../store/store'
import { CompareDialog } from './CompareDialog'
import { ConflictDialog } from './ConflictDialog'
import { ForkDialog } from './ForkDialog'
import { useActionShortcuts } from './shortcuts'
import { SignatureDialog } from './SignatureDialog'
import { StepMenu } from './StepMenu'

export function ActionsLayer() {
  useActionShortcuts(tineStore)
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
