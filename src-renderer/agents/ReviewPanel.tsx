/**
 * A run parked as "needs review": a side-effect tool call may or may not have happened before the
 * runner stopped, so the app will not guess. The user re-runs the call, skips it, or types the
 * result it had; the agent then continues.
 */
import { useState } from 'react'
import { useTine } from '../store/store'
import { useOpenAgentRun } from './AgentBar'
import { useAgentCalls } from '../api/client'

export function ReviewPanel() {
  const run = useOpenAgentRun()
  const busy = useTine((state) => state.agentBusy === 'review')
  const error = useTine((state) => state.agentError)
  const agentCalls = useAgentCalls()
  const [result, setResult] = useState('')
  if (!run || run.state !== 'needs-review') return null
  const decide = (action: 'rerun' | 'skip' | 'result') => {
    if (busy) return
    void agentCalls.review(run.file, action, action === 'result' ? result : undefined).then((done) => {
      if (done) setResult('')
    })
  }
  return (
    <section className="review-panel" data-testid="review-panel" aria-label="Needs review">
      <h3>A tool call needs your decision</h3>
      <p className="small">
        {run.activity ?? 'A tool with side effects was interrupted.'} It may or may not have run, and it has no
        idempotency key, so it was not repeated on its own.
      </p>
      <div className="review-actions">
        <button
          type="button"
          data-testid="review-rerun"
          disabled={busy}
          title="Call the tool again (it may act twice)"
          onClick={() => decide('rerun')}
        >
          Re-run the call
        </button>
        <button
          type="button"
          data-testid="review-skip"
          disabled={busy}
          title="Record the call as skipped and let the agent go on"
          onClick={() => decide('skip')}
        >
          Skip it
        </button>
      </div>
      <label className="field">
        <span>Or enter the result it had</span>
        <textarea
          data-testid="review-result-text"
          rows={3}
          value={result}
          onChange={(event) => setResult(event.target.value)}
        />
      </label>
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          data-testid="review-result"
          disabled={busy || result.trim() === ''}
          onClick={() => decide('result')}
        >
          Use this result
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
    </section>
  )
}
