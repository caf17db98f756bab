/** "Compare actions only": pair by tool calls and their arguments, ignoring the model's wording. */
import { tineStore, useTine } from '../store/store'

export function ToolCallsToggle() {
  const actionsOnly = useTine((state) => state.diffRequest?.actionsOnly ?? false)
  const loading = useTine((state) => state.diffPhase === 'loading')
  return (
    <label
      className="diff-toggle"
      title="Pair steps by their tool calls and arguments, ignoring the model's wording; stops at the first divergence in behaviour"
    >
      <input
        type="checkbox"
        data-testid="diff-actions-only"
        checked={actionsOnly}
        disabled={loading}
        onChange={(event) => void tineStore.getState().setDiffToolCallsOnly(event.target.checked)}
      />{' '}
      Compare actions only
    </label>
  )
}
