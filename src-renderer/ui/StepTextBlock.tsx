/** A step's text (markdown, or plain on request), rendered in bounded chunks with "show more". */
import { useState } from 'react'
import { CopyButton } from './CopyButton'
import { MarkdownText } from './MarkdownText'

/** Characters of step text rendered at once: a 1 MB unbroken word would freeze layout for a minute. */
const TEXT_CHUNK = 10_000

export function StepTextBlock({ label, text }: { label: string; text: string }) {
  const [raw, setRaw] = useState(false)
  const [shown, setShown] = useState(TEXT_CHUNK)
  const visible = text.length > shown ? text.slice(0, shown) : text
  const left = text.length - visible.length
  return (
    <section className="inspector-section">
      <h3>
        {label}
        <span className="section-actions">
          <button type="button" className="link-button" onClick={() => setRaw(!raw)}>
            {raw ? 'formatted' : 'plain text'}
          </button>
          <CopyButton value={text} label="copy" />
        </span>
      </h3>
      {raw ? <pre className="plain-text">{visible}</pre> : <MarkdownText text={visible} />}
      {left > 0 && (
        <p className="text-more" data-testid="text-more">
          {left.toLocaleString('en-US')} more characters{' '}
          <button type="button" className="link-button" onClick={() => setShown(shown + TEXT_CHUNK)}>
            show more
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setShown(text.length)}>
            show all
          </button>
        </p>
      )}
    </section>
  )
}
