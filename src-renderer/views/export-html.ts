/**
 * A standalone HTML file of a run: this very app (its script and styles, inlined) plus the run's
 * data and graph positions as JSON, under a CSP that allows nothing remote. Opened from disk, the
 * page finds the data and serves it through an in-memory, read-only api (export-client.ts).
 */
import type { RunExportData } from '../../src-shared/api/contract'
import type { RunListItem } from '../../src-shared/api/types'
import type { Point } from '../graph/layout-types'

export const EXPORT_DATA_ID = 'tine-export-data'
export const EXPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'"

export interface ExportedRun extends RunExportData {
  item: RunListItem | null
  /** Node positions by step id, as the app laid them out (the page runs no layout worker). */
  positions: Record<string, [number, number]>
}

export interface ExportPayload {
  format: 'opentine-export/1'
  exportedAt: string
  runs: ExportedRun[]
  /** Set for a side-by-side diff export: the two runs' files and the diff the app showed. */
  diff?: { fileA: string; fileB: string; toolCallsOnly: boolean; view: unknown }
}

export function positionsRecord(positions: Map<string, Point> | null | undefined): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {}
  if (!positions) return out
  for (const [id, point] of positions) out[id] = [Math.round(point.x), Math.round(point.y)]
  return out
}

/** JSON that cannot end its <script> element early. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Script text that cannot end its <script> element early (`<\/` means `</` in every JS context it occurs in). */
export function scriptSafeCode(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
}

export function composeExportHtml(parts: {
  title: string
  css: string[]
  scripts: string[]
  payload: ExportPayload
  theme: string
}): string {
  return [
    '<!doctype html>',
    `<html lang="en" data-theme="${escapeHtml(parts.theme)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    ...parts.css.map((css) => `<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`),
    '</head>',
    '<body>',
    '<div id="root"></div>',
    `<script id="${EXPORT_DATA_ID}" type="application/json">${scriptSafeJson(parts.payload)}</script>`,
    ...parts.scripts.map((code) => `<script type="module">${scriptSafeCode(code)}</script>`),
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

/** The app's own script and styles, read back from where the page loaded them. */
export async function ownAssets(doc: Document, fetcher: typeof fetch): Promise<{ css: string[]; scripts: string[] }> {
  const scriptUrls = Array.from(
    doc.querySelectorAll<HTMLScriptElement>('script[type="module"][src]'),
    (script) => script.src
  )
  const styleUrls = Array.from(
    doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href]'),
    (link) => link.href
  )
  const read = async (url: string) => {
    const response = await fetcher(url)
    if (!response.ok) throw new Error(`cannot read ${url}: HTTP ${response.status}`)
    return response.text()
  }
  // An exported page exports again from its own inline copies.
  const inlineScripts = Array.from(
    doc.querySelectorAll<HTMLScriptElement>('script[type="module"]:not([src])'),
    (script) => script.textContent ?? ''
  )
  const inlineStyles = Array.from(doc.querySelectorAll('style'), (style) => style.textContent ?? '')
  return {
    scripts: [...(await Promise.all(scriptUrls.map(read))), ...inlineScripts],
    css: [...(await Promise.all(styleUrls.map(read))), ...inlineStyles]
  }
}

export function readExportPayload(doc: Document): ExportPayload | null {
  const element = doc.getElementById(EXPORT_DATA_ID)
  if (!element?.textContent) return null
  try {
    const payload = JSON.parse(element.textContent) as ExportPayload
    return payload.format === 'opentine-export/1' && Array.isArray(payload.runs) ? payload : null
  } catch {
    return null
  }
}

export function downloadFile(doc: Document, name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  doc.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
