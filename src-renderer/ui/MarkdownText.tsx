/** Sanitised markdown; a click on a link asks for confirmation before anything opens. */
import { memo, useMemo, type MouseEvent } from 'react'
import { tineStore } from '../store/store'
import { renderMarkdown } from './markdown'

export const MarkdownText = memo(function MarkdownText({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text])
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest?.('a')
    if (!link) return
    event.preventDefault()
    const href = link.getAttribute('data-href')
    if (href) tineStore.getState().setPendingLink(href)
  }
  // The html is markdown-it output (raw HTML disabled) passed through DOMPurify.
  return <div className="markdown" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
})
