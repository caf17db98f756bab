// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { renderMarkdown, sanitizeHtml } from './markdown'

function fragment(html: string): HTMLElement {
  const host = document.createElement('div')
  host.innerHTML = html
  return host
}

describe('markdown sanitiser', () => {
  it('shows raw HTML in step text as text', () => {
    const host = fragment(
      renderMarkdown('hello <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>')
    )
    expect(host.querySelector('img')).toBeNull()
    expect(host.querySelector('script')).toBeNull()
    expect(host.textContent).toContain('<img src=x onerror="window.__pwned=1">')
    expect(host.textContent).toContain('<script>window.__pwned=2</script>')
    // Escaped, not parsed: the markup survives only as entities.
    expect(host.innerHTML).toContain('&lt;img')
  })

  it('removes event handlers and scripts even from HTML that reaches it directly', () => {
    const host = fragment(
      sanitizeHtml(
        '<p onclick="x()">a</p><img src="x" onerror="y()"><script>z()</script><iframe src="https://e.example"></iframe><svg><script>1</script></svg>'
      )
    )
    expect(host.querySelector('[onclick]')).toBeNull()
    expect(host.querySelector('[onerror]')).toBeNull()
    expect(host.querySelector('script, iframe, svg')).toBeNull()
  })

  it('neutralises javascript: and data: links and keeps web links for the confirmation dialog', () => {
    const host = fragment(
      renderMarkdown(
        '[a](javascript:alert(1)) [b](data:text/html,<b>x</b>) [c](https://example.com/page?q=1) <https://auto.example>'
      )
    )
    const links = Array.from(host.querySelectorAll('a'))
    expect(links.every((link) => !link.hasAttribute('href'))).toBe(true)
    expect(links.map((link) => link.getAttribute('data-href')).filter(Boolean)).toEqual([
      'https://example.com/page?q=1',
      'https://auto.example'
    ])
    // markdown-it leaves the refused links as text; nothing clickable carries them.
    expect(host.querySelectorAll('[href], [data-href^="javascript"], [data-href^="data"]')).toHaveLength(0)
    const direct = fragment(
      sanitizeHtml(
        '<a href="javascript:alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a><a href="http://ok.example/">z</a>'
      )
    )
    expect(
      Array.from(direct.querySelectorAll('a')).map((link) => [
        link.getAttribute('href'),
        link.getAttribute('data-href')
      ])
    ).toEqual([
      [null, null],
      [null, null],
      [null, 'http://ok.example/']
    ])
  })

  it('drops remote images and keeps inline data images', () => {
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=='
    const host = fragment(renderMarkdown(`![tracker](https://evil.example/p.gif) ![local](${pixel})`))
    const images = Array.from(host.querySelectorAll('img'))
    expect(images.map((image) => image.getAttribute('src'))).toEqual([pixel])
    expect(host.querySelector('span.blocked-image')?.textContent).toBe('[remote image blocked: tracker]')
    expect(host.innerHTML).not.toContain('evil.example')
  })

  it('still renders ordinary markdown', () => {
    const host = fragment(renderMarkdown('# Title\n\n**bold** and `code`\n\n- one\n- two'))
    expect(host.querySelector('h1')?.textContent).toBe('Title')
    expect(host.querySelector('strong')?.textContent).toBe('bold')
    expect(host.querySelectorAll('li')).toHaveLength(2)
  })
})
