/**
 * Model text as sanitised markdown. Step text is untrusted: markdown-it runs with html off (raw HTML
 * stays text), then DOMPurify removes anything executable. Remote images are dropped (only inline
 * data: images stay) and links keep their address for a confirmation dialog instead of opening.
 */
import DOMPurify from 'dompurify'
import MarkdownIt from 'markdown-it'

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true })

const SAFE_LINK = /^(?:https?:|mailto:)/i
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i

const ALLOWED_TAGS = [
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul'
]
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'class', 'start', 'align', 'data-href']

let purifier: ReturnType<typeof DOMPurify> | null = null

function sanitizer(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  const instance = DOMPurify(window)
  instance.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? ''
      if (!INLINE_IMAGE.test(src)) {
        element.removeAttribute('src')
        element.setAttribute('class', 'blocked-image')
        element.setAttribute('title', 'remote image blocked')
      }
    }
    if (element.tagName === 'A') {
      const href = element.getAttribute('href') ?? ''
      element.removeAttribute('href')
      element.removeAttribute('target')
      // The address is kept aside; a click asks the user before anything opens.
      if (SAFE_LINK.test(href.trim())) {
        element.setAttribute('data-href', href.trim())
        element.setAttribute('class', 'md-link')
      }
    }
  })
  purifier = instance
  return instance
}

export function sanitizeHtml(html: string): string {
  const fragment = sanitizer().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
    RETURN_DOM_FRAGMENT: true
  })
  // A blocked image becomes a note saying so, instead of a broken-image icon.
  for (const image of Array.from(fragment.querySelectorAll('img.blocked-image'))) {
    const note = document.createElement('span')
    note.className = 'blocked-image'
    note.textContent = `[remote image blocked${image.getAttribute('alt') ? `: ${image.getAttribute('alt')}` : ''}]`
    image.replaceWith(note)
  }
  const host = document.createElement('div')
  host.appendChild(fragment)
  return host.innerHTML
}

export function renderMarkdown(text: string): string {
  return sanitizeHtml(markdown.render(text))
}
