/** "Compare tool calls only": pair by tool calls and their arguments, ignoring the model's wording. */
import { tineStore, useTine } from '../store/store'

export function ToolCallsToggle() {
  const toolCallsOnly = useTine((state) => state.diffRequest?.toolCallsOnly ?? false)
  const loading = useTine((state) => state.diffPhase === 'loading')
  return (
    <label
      className="diff-toggle"
      title="Pair steps by their tool calls and arguments, ignoring the model's wording; stops at the first divergence in behaviour"
    >
      <input
        type="checkbox"
        data-testid="diff-tool-calls-only"
        checked={toolCallsOnly}
        disabled={loading}
        onChange={(event) => void tineStore.getState().setDiffToolCallsOnly(event.target.checked)}
      />{' '}
      Compare tool calls only
    </label>
  )
}
