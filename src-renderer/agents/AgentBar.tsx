/** The bar above the graph of a run an agent executes: state, steps so far, what it is doing, Pause/Resume/Cancel. */
import type { ActiveRunState, ActiveRunView } from '../../src-shared/api/agent-types'
import { tineStore, useTine } from '../store/store'
import { isLive } from './agents-slice'
import { compareWithOrigin, originPair } from './compare-origin'
import { useAgentCalls } from '../api/client'

const STATE_TEXT: Record<ActiveRunState, string> = {
  starting: 'Starting…',
  running: 'Running',
  pausing: 'Pausing at the next step boundary…',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'needs-review': 'Needs review'
}

const TONE: Record<ActiveRunState, string> = {
  starting: 'live',
  running: 'live',
  pausing: 'live',
  paused: 'warn',
  completed: 'ok',
  failed: 'bad',
  cancelled: 'warn',
  'needs-review': 'warn'
}

/** Which buttons a state offers: Pause while it runs, Resume once paused, Cancel until it ends. */
export function agentButtons(state: ActiveRunState): { pause: boolean; resume: boolean; cancel: boolean } {
  return {
    pause: state === 'starting' || state === 'running',
    resume: state === 'paused',
    cancel: state === 'starting' || state === 'running' || state === 'pausing' || state === 'paused'
  }
}

export function useOpenAgentRun(): ActiveRunView | null {
  return useTine((state) => (state.openFile ? (state.agentRuns[state.openFile] ?? null) : null))
}

export function AgentBar() {
  const run = useOpenAgentRun()
  const busy = useTine((state) => state.agentBusy)
  const dialogOpen = useTine((state) => state.newRunDialog || state.retryDialog !== null || state.secretsDialog)
  const error = useTine((state) => state.agentError)
  const agentCalls = useAgentCalls()
  const openRun = useTine((state) => state.openRun)
  // Folders are read so the button appears once the origin is listed.
  useTine((state) => state.folders)
  if (!run) return null
  const buttons = agentButtons(run.state)
  const origin =
    run.state === 'completed' && openRun && openRun.file === run.file ? originPair(openRun, tineStore) : null
  const steps = `${run.stepCount.toLocaleString('en-US')} step${run.stepCount === 1 ? '' : 's'}`
  return (
    <div
      className={`agent-bar tone-bg-${TONE[run.state]}`}
      data-testid="agent-bar"
      data-state={run.state}
      data-file={run.file}
      data-run-id={run.runId}
      role="status"
      aria-live="polite"
    >
      {isLive(run) && <span className="agent-spinner" aria-hidden="true" />}
      <strong data-testid="agent-state">{STATE_TEXT[run.state]}</strong>
      <span className="muted" data-testid="agent-step-count" data-count={run.stepCount}>
        {steps}
      </span>
      {run.activity && isLive(run) && (
        <span className="agent-bar-activity" data-testid="agent-bar-activity" title={run.activity}>
          {run.activity}
        </span>
      )}
      {run.error && (
        <span className="error-text agent-bar-error" data-testid="agent-error" title={run.error}>
          {run.error}
        </span>
      )}
      {error && !dialogOpen && (
        <span className="error-text agent-bar-error" role="alert" data-testid="agent-control-error">
          {error}
        </span>
      )}
      <span className="toolbar-spacer" />
      {buttons.pause && (
        <button
          type="button"
          data-testid="agent-pause"
          disabled={busy !== null}
          title="Stop at the next step boundary and save as paused"
          onClick={() => void agentCalls.control(run.file, 'pause')}
        >
          Pause
        </button>
      )}
      {buttons.resume && (
        <button
          type="button"
          className="primary"
          data-testid="agent-resume"
          disabled={busy !== null}
          title="Continue the run through the agent"
          onClick={() => void agentCalls.resume(run.file)}
        >
          Resume
        </button>
      )}
      {origin && openRun && (
        <button
          type="button"
          className="primary"
          data-testid="agent-compare-origin"
          title="Side-by-side diff against the run this one was forked from, at the first divergence"
          onClick={() => void compareWithOrigin(tineStore, openRun)}
        >
          Compare with origin
        </button>
      )}
      {buttons.cancel && (
        <button
          type="button"
          className="danger"
          data-testid="agent-cancel"
          disabled={busy !== null}
          title="Stop at once; the completed steps stay saved"
          onClick={() => void agentCalls.control(run.file, 'cancel')}
        >
          Cancel
        </button>
      )}
    </div>
  )
}
