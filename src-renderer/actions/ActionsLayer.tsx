/** Everything of the actions that floats above the app: the step menu and the dialogs. */
import './actions.css'
import { CompareDialog } from '../diff/CompareDialog'
import { ConflictDialog } from './ConflictDialog'
import { ForkDialog } from './ForkDialog'
import { IntegrityConfirmDialog } from './IntegrityConfirmDialog'
import { SignatureDialog } from '../trust/SignatureDialog'
import { StepMenu } from './StepMenu'

export function ActionsLayer() {
  return (
    <>
      <StepMenu />
      <ForkDialog />
      <ConflictDialog />
      <IntegrityConfirmDialog />
      <SignatureDialog />
      <CompareDialog />
    </>
  )
}
