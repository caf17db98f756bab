/**
 * Browser mode: the renderer and the same API served to a local browser. Listens on 127.0.0.1
 * only; every request must carry the access token and name our exact Host.
 *
 *   POST /api/invoke/<channel>  JSON request -> JSON response | {"error", "code"}
 *   GET  /api/events            Server-Sent Events, one PushEvent per `data:` line
 *   GET  /...                   the built renderer (out/renderer)
 */
import { promises as fs } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PushEvent } from '../../src-shared/api/contract'
import { hostAllowed, newAccessToken, originAllowed, presentedToken, tokenCookie } from './access'
import { SECURITY_HEADERS } from './csp'
import { streamEvents } from './event-stream'
import { HttpError, toHttpError } from './http-error'
import { LaunchError } from './launch-error'
import { IMPORT_BASE64_LIMIT } from '../../src-shared/api/contract'
import { MAX_BODY_BYTES, readJsonBody } from './request-body'
import { BadPathError, contentTypeFor, resolveStaticFile } from './static-files'
import { jsonTextOf } from '../workers/wire-json'

/** The part of the ApiService that browser mode serves. */
export interface ServedApi {
  /** A result that is still a worker's JSON text comes as a WireJson and is sent as it is. */
  dispatchWire(channel: string, payload: unknown): Promise<unknown>
  onEvent(listener: (event: PushEvent) => void): () => void
}

export interface BrowserServerOptions {
  service: ServedApi
  /** 0 or undefined picks a free port. */
  port?: number
  rendererDir: string
  /** Told about failures that are ours (500s), one line each. */
  logError?: (line: string) => void
}

export interface BrowserServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const INVOKE_PREFIX = '/api/invoke/'
const EVENTS_PATH = '/api/events'

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = newAccessToken()
  const openStreams = new Set<() => void>()
  const logError = options.logError ?? ((line: string) => process.stderr.write(`opentine: ${line}\n`))
  let port = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const failure = toHttpError(error)
      if (failure.status >= 500)
        logError(`${req.method} ${safePath(req)}: ${(error as Error)?.message ?? String(error)}`)
      sendError(res, failure)
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.url?.startsWith('/')) throw new HttpError(400, 'bad-request', 'malformed request target')
    // Checked before the token: a rebound hostname must learn nothing, not even "wrong token".
    if (!hostAllowed(req, port)) throw new HttpError(421, 'bad-host', 'unexpected Host header')
    const url = new URL(req.url, `http://127.0.0.1:${port}`)
    const presented = presentedToken(req, url, token)
    if (presented.source === null) throw new HttpError(403, 'forbidden', 'missing or wrong access token')
    if (!originAllowed(req, port)) throw new HttpError(403, 'forbidden', 'cross-origin request refused')

    if (url.pathname.startsWith(INVOKE_PREFIX)) return invoke(req, res, url.pathname.slice(INVOKE_PREFIX.length))
    if (url.pathname === EVENTS_PATH) return events(req, res)
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'not-found', 'no such endpoint')
    return serveStatic(req, res, url.pathname, presented.source === 'query')
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, rawChannel: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'method-not-allowed', 'use POST')
    let channel: string
    try {
      channel = decodeURIComponent(rawChannel)
    } catch {
      throw new HttpError(400, 'bad-request', 'malformed channel name')
    }
    // Only a dropped file's bytes may be large; every other request stays under the small cap.
    const payload = await readJsonBody(req, channel === 'runs.import' ? IMPORT_BASE64_LIMIT + 4096 : MAX_BODY_BYTES)
    sendJson(res, 200, await options.service.dispatchWire(channel, payload))
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') throw new HttpError(405, 'method-not-allowed', 'use GET')
    const end = streamEvents(res, options.service, { ...SECURITY_HEADERS })
    openStreams.add(end)
    res.on('close', () => openStreams.delete(end))
  }

  async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    setCookie: boolean
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method-not-allowed', 'use GET')
    let file: string | null
    try {
      file = await resolveStaticFile(options.rendererDir, pathname)
    } catch (error) {
      if (error instanceof BadPathError) throw new HttpError(400, 'bad-request', error.message)
      throw error
    }
    if (file === null && pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; an empty answer keeps a 404 out of the console.
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' })
      res.end()
      return
    }
    if (file === null) throw new HttpError(404, 'not-found', 'not found')
    const body = await fs.readFile(file)
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': body.length,
      'Cache-Control': cachePolicy(pathname, file)
    }
    if (setCookie) headers['Set-Cookie'] = tokenCookie(token)
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new LaunchError(`port ${options.port} is already in use on 127.0.0.1`)
    if (error.code === 'EACCES') throw new LaunchError(`not allowed to listen on port ${options.port}`)
    throw error
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of openStreams) end()
        openStreams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function cachePolicy(pathname: string, file: string): string {
  if (file.endsWith('.html')) return 'no-store'
  // Vite names bundled assets by content hash, so they never change under the same URL.
  if (pathname.startsWith('/assets/')) return 'private, max-age=31536000, immutable'
  return 'no-cache'
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = jsonTextOf(value)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store'
  })
  res.end(body)
}

function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, error.status, { error: error.message, code: error.code })
}

function safePath(req: IncomingMessage): string {
  return String(req.url ?? '')
    .split('?')[0]
    .slice(0, 200)
}
