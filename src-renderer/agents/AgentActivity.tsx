/** The inspector's marker of the step an agent is working on right now (it is not recorded yet). */
import { isLive } from './agents-slice'
import { useOpenAgentRun } from './AgentBar'

export function AgentActivity() {
  const run = useOpenAgentRun()
  if (!run || !isLive(run)) return null
  const next = run.stepCount + 1
  return (
    <div
      className="agent-activity"
      data-testid="agent-activity"
      data-step-number={next}
      role="status"
      aria-live="polite"
    >
      <span className="agent-spinner" aria-hidden="true" />
      <span>
        Working on step {next.toLocaleString('en-US')}
        {run.activity ? `: ${run.activity}` : run.state === 'pausing' ? ': pausing after it' : '…'}
      </span>
    </div>
  )
}
