/**
 * A word-level text diff, as two readable texts: before (A) with the deleted words marked, and
 * after (B) with the inserted words marked. Each reads as its own sentence; nothing is interleaved.
 */
import type { TextDiffPart } from '../../src-shared/run/diff/step-delta'

function Side({ parts, side }: { parts: TextDiffPart[]; side: 'before' | 'after' }) {
  const dropped = side === 'before' ? 'insert' : 'delete'
  return (
    <div className="word-diff-side">
      <div className="pair-side-label">{side === 'before' ? 'before (A)' : 'after (B)'}</div>
      <pre className={`word-diff word-diff-${side}`} data-testid={`word-diff-${side}`}>
        {parts.map((part, index) => {
          if (part.op === dropped) return null
          if (part.op === 'insert') {
            return (
              <ins key={index} className="word-insert" title="added in B">
                {part.text}
              </ins>
            )
          }
          if (part.op === 'delete') {
            return (
              <del key={index} className="word-delete" title="removed in B">
                {part.text}
              </del>
            )
          }
          return <span key={index}>{part.text}</span>
        })}
      </pre>
    </div>
  )
}

export function WordDiff({ parts }: { parts: TextDiffPart[] }) {
  return (
    <div className="word-diff-pair" data-testid="word-diff">
      <Side parts={parts} side="before" />
      <Side parts={parts} side="after" />
    </div>
  )
}
