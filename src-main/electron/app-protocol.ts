/**
 * The renderer is served from app://opentine/, never from file://. Under file:// with Electron's
 * default privileges, CSP 'self' admits every local file (a step payload's <script src="file:///…">
 * or fetch('file:///etc/…') would work); under a standard, secure custom scheme 'self' is the
 * built renderer folder and nothing else. The sender check compares this origin, which also
 * avoids comparing Windows paths whose drive-letter case Chromium and Node spell differently.
 *
 * No runtime import of 'electron' here, so browser-side harnesses can serve the same answers.
 */
import { promises as fs } from 'node:fs'
import { SECURITY_HEADERS } from '../web/csp'
import { BadPathError, contentTypeFor, resolveStaticFile } from '../web/static-files'

export const APP_SCHEME = 'app'
export const APP_HOST = 'opentine'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const RENDERER_URL = `${APP_ORIGIN}/index.html`

/**
 * standard: relative URLs, origins and the layout worker's `new URL(..., import.meta.url)` resolve
 * like https; secure: a secure context (navigator.clipboard needs one); supportFetchAPI: the worker
 * fetches elk's chunk; codeCache: V8 caches the bundle between launches.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const

/** True for our renderer's pages (any path on app://opentine). Node gives custom schemes an opaque origin, so host and scheme are compared. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    )
  } catch {
    return false
  }
}

/** Answers app://opentine/<path> from the built renderer folder, with the browser-mode security headers. */
export function rendererRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url)
    if (!isAppUrl(request.url)) return plain(404, 'not found')
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'use GET')
    let file: string | null
    try {
      file = await resolveStaticFile(rendererDir, url.pathname)
    } catch (error) {
      if (error instanceof BadPathError) return plain(400, error.message)
      throw error
    }
    if (file === null) return plain(404, 'not found')
    const body = await fs.readFile(file)
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' }
    })
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } })
}
