import { describe, expect, it } from 'vitest'
import { linkHref, parseLink } from './deep-link'

describe('deep links', () => {
  it('round-trips folder, run, step and view through the address', () => {
    const target = {
      folder: '/home/me/runs dir',
      run: '/home/me/runs dir/a b.tine',
      step: 'abc123',
      view: 'timeline' as const
    }
    const href = linkHref('http://127.0.0.1:5000/?keep=1#top', target)
    expect(href).toContain('keep=1')
    expect(href.endsWith('#top')).toBe(true)
    expect(parseLink(href)).toEqual(target)
  })

  it('drops what is not set and ignores an unknown view', () => {
    const href = linkHref('http://127.0.0.1:5000/?step=old&view=graph', {
      folder: null,
      run: '/r.tine',
      step: null,
      view: 'graph'
    })
    expect(new URL(href).search).toBe(`?run=${encodeURIComponent('/r.tine')}`)
    expect(parseLink('http://127.0.0.1:5000/?view=<script>').view).toBeNull()
  })
})
