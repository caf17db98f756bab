/** A word-level text diff: kept words plain, deleted ones struck through, inserted ones marked. */
import type { TextDiffPart } from '../../src-shared/run/step-delta'

export function WordDiff({ parts }: { parts: TextDiffPart[] }) {
  return (
    <pre className="word-diff" data-testid="word-diff">
      {parts.map((part, index) => {
        if (part.op === 'insert') {
          return (
            <ins key={index} className="word-insert">
              {part.text}
            </ins>
          )
        }
        if (part.op === 'delete') {
          return (
            <del key={index} className="word-delete">
              {part.text}
            </del>
          )
        }
        return <span key={index}>{part.text}</span>
      })}
    </pre>
  )
}
