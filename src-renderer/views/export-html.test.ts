import { describe, expect, it } from 'vitest'
import { composeExportHtml, EXPORT_CSP, scriptSafeCode, scriptSafeJson } from './export-html'

describe('standalone export', () => {
  it('keeps hostile text from closing its script element', () => {
    const json = scriptSafeJson({ label: '</script><img src=x onerror=alert(1)>' })
    expect(json).not.toContain('</script')
    expect(JSON.parse(json)).toEqual({ label: '</script><img src=x onerror=alert(1)>' })
    expect(scriptSafeCode('const a = "</script>"')).toBe('const a = "<\\/script>"')
  })

  it('inlines everything under a CSP that allows nothing remote', () => {
    const html = composeExportHtml({
      title: 'a <b>',
      css: ['body{}'],
      scripts: ['console.log(1)'],
      theme: 'dark',
      payload: { format: 'opentine-export/1', exportedAt: 'now', runs: [] }
    })
    expect(html).toContain(`content="${EXPORT_CSP}"`)
    expect(EXPORT_CSP).toContain("default-src 'none'")
    expect(html).not.toMatch(/\ssrc=|\shref=/)
    expect(html).toContain('<title>a &lt;b&gt;</title>')
  })
})
