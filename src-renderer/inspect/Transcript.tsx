/** The conversation, each turn linked to the step that produced it. */
import { memo } from 'react'
import type { TranscriptTurnSummary } from '../../src-shared/api/types'
import { shortId } from '../lib/format'
import { selectOpenRun, selectSelectedStepId } from '../store/selectors'
import { tineStore, useTine } from '../store/store'

const Turn = memo(function Turn({ turn, selected }: { turn: TranscriptTurnSummary; selected: boolean }) {
  const select = () => {
    if (turn.stepId) tineStore.getState().selectStep(turn.stepId)
  }
  return (
    <li
      className={`turn role-${/^[a-z]+$/.test(turn.role) ? turn.role : 'other'}${selected ? ' selected' : ''}${turn.stepId ? ' linked' : ''}`}
      data-testid={`turn-${turn.index}`}
      data-step-id={turn.stepId ?? undefined}
      onClick={select}
      tabIndex={turn.stepId ? 0 : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Enter') select()
      }}
    >
      <div className="turn-head">
        <span className="turn-role">{turn.role || 'turn'}</span>
        {turn.stepId ? (
          <span className="turn-step" title={turn.stepId}>
            step {shortId(turn.stepId)}
          </span>
        ) : (
          <span className="muted">no step</span>
        )}
      </div>
      <div className="turn-text">{turn.text || <span className="muted">(empty)</span>}</div>
    </li>
  )
})

export function Transcript() {
  const run = useTine(selectOpenRun)
  const selectedStepId = useTine(selectSelectedStepId)
  if (!run) return null
  return (
    <div className="inspector" data-testid="transcript">
      {run.transcript.length === 0 ? (
        <p className="empty-hint">
          This run has no transcript (runs assembled directly from a graph usually have none).
        </p>
      ) : (
        <ol className="turns">
          {run.transcript.map((turn) => (
            <Turn key={turn.index} turn={turn} selected={turn.stepId !== null && turn.stepId === selectedStepId} />
          ))}
        </ol>
      )}
    </div>
  )
}
