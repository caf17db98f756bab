import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './csp'
import { MAX_BODY_BYTES } from './request-body'
import { startBrowserServer, type BrowserServer } from './server'
import { rawChunkedPost, rawRequest } from '../testing/raw-http'
import { ServedApiDouble } from '../testing/served-api'

const INDEX_HTML = '<!doctype html><title>opentine</title><script type="module" src="./assets/app-1234.js"></script>'
const APP_JS = 'console.log("app")'
const SECRET = 'top secret outside the renderer folder'

let workDir: string
let rendererDir: string
let api: ServedApiDouble
let server: BrowserServer
let base: string

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-web-'))
  rendererDir = path.join(workDir, 'renderer')
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true })
  await fs.writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML)
  await fs.writeFile(path.join(rendererDir, 'assets', 'app-1234.js'), APP_JS)
  await fs.writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body{}')
  await fs.writeFile(path.join(rendererDir, '.env'), SECRET)
  await fs.writeFile(path.join(workDir, 'secret.txt'), SECRET)
  await fs.symlink(path.join(workDir, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.txt'))
  api = new ServedApiDouble()
  server = await startBrowserServer({ service: api, rendererDir, logError: () => undefined })
  base = `http://127.0.0.1:${server.port}`
})

afterAll(async () => {
  await server?.close()
  await fs.rm(workDir, { recursive: true, force: true })
})

const withToken = (p: string): string => `${base}${p}${p.includes('?') ? '&' : '?'}token=${server.token}`
const wrongToken = (): string => (server.token[0] === 'a' ? 'b' : 'a') + server.token.slice(1)

async function invoke(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tine-Token': server.token, ...headers },
    body: JSON.stringify(body)
  })
}

describe('browser-mode server: where it listens and what it prints', () => {
  it('listens on 127.0.0.1 with a 32-byte hex token in the URL', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
  })

  it('gives each server its own token', async () => {
    const other = await startBrowserServer({ service: api, rendererDir })
    try {
      expect(other.token).not.toBe(server.token)
      expect(other.port).not.toBe(server.port)
    } finally {
      await other.close()
    }
  })

  it('refuses a port that is taken with a one-line reason', async () => {
    await expect(startBrowserServer({ service: api, rendererDir, port: server.port })).rejects.toThrow(/already in use/)
  })
})

describe('browser-mode server: the access token', () => {
  it.each(['/', '/index.html', '/assets/app-1234.js', '/api/events'])(
    'answers 403 to GET %s without a token',
    async (p) => {
      const res = await fetch(base + p)
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ error: 'missing or wrong access token', code: 'forbidden' })
    }
  )

  it('answers 403 to an API call without a token, and never reaches the service', async () => {
    const before = api.calls.length
    const res = await fetch(`${base}/api/invoke/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(res.status).toBe(403)
    expect(api.calls.length).toBe(before)
  })

  it('answers 403 to a wrong token in the query, the header and the cookie', async () => {
    const wrong = wrongToken()
    expect((await fetch(`${base}/?token=${wrong}`)).status).toBe(403)
    expect((await fetch(`${base}/?token=${server.token.slice(0, 32)}`)).status).toBe(403)
    expect((await fetch(`${base}/`, { headers: { 'X-Tine-Token': wrong } })).status).toBe(403)
    expect((await fetch(`${base}/`, { headers: { Cookie: `tine_token=${wrong}` } })).status).toBe(403)
    expect((await invoke('app.info', {}, { 'X-Tine-Token': wrong })).status).toBe(403)
  })

  it('serves the page for the right token, with the security headers and the token cookie', async () => {
    const res = await fetch(withToken('/'))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(INDEX_HTML)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toContain(`tine_token=${server.token}`)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
  })

  it('lets the page load its assets with the cookie alone (the cookie flow)', async () => {
    const page = await fetch(withToken('/'))
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]
    const script = await fetch(`${base}/assets/app-1234.js`, { headers: { Cookie: `other=1; ${cookie}` } })
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect(await script.text()).toBe(APP_JS)
    const css = await fetch(`${base}/assets/style.css`, { headers: { Cookie: cookie } })
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await fetch(`${base}/assets/app-1234.js`)).status).toBe(403)
  })

  it('accepts the token in the X-Tine-Token header for API calls', async () => {
    const res = await invoke('app.info', {})
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await res.json()).toEqual({ version: '9.9.9', mode: 'browser', platform: process.platform })
    expect(api.calls.at(-1)).toEqual({ channel: 'app.info', payload: {} })
  })

  it('forwards the JSON request body to the service untouched', async () => {
    const res = await invoke('folders.list', { some: ['value', 1, null] })
    expect(res.status).toBe(200)
    expect(api.calls.at(-1)).toEqual({ channel: 'folders.list', payload: { some: ['value', 1, null] } })
  })
})

describe('browser-mode server: the Host header (DNS rebinding)', () => {
  it('refuses a foreign Host even with the right token', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
      `0.0.0.0:${server.port}`
    ]) {
      const res = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: host } })
      expect(res.status, host).toBe(421)
      expect(JSON.parse(res.body)).toEqual({ error: 'unexpected Host header', code: 'bad-host' })
    }
  })

  it('refuses a foreign Host on the API before the service sees anything', async () => {
    const before = api.calls.length
    const res = await rawRequest(server.port, {
      path: '/api/invoke/app.info',
      method: 'POST',
      headers: {
        Host: `attacker.test:${server.port}`,
        'X-Tine-Token': server.token,
        'Content-Type': 'application/json'
      },
      body: '{}'
    })
    expect(res.status).toBe(421)
    expect(api.calls.length).toBe(before)
  })

  it('accepts 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      const res = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: host } })
      expect(res.status, host).toBe(200)
    }
  })

  it('refuses API calls from another origin even with the cookie', async () => {
    const res = await invoke('app.info', {}, { Origin: `http://localhost:${server.port + 1}` })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: 'cross-origin request refused', code: 'forbidden' })
    expect((await invoke('app.info', {}, { Origin: base })).status).toBe(200)
  })
})

describe('browser-mode server: static files', () => {
  const traversals = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/assets/escape.txt',
    '/.env',
    '/assets/%00.js'
  ]
  it.each(traversals)('refuses %s', async (p) => {
    const res = await rawRequest(server.port, { path: p, headers: { 'X-Tine-Token': server.token } })
    expect([400, 404]).toContain(res.status)
    expect(res.body).not.toContain(SECRET)
    expect(JSON.parse(res.body).code).toMatch(/^(bad-request|not-found)$/)
  })

  it('refuses an absolute path smuggled in as one encoded segment', async () => {
    const res = await rawRequest(server.port, {
      path: `/${encodeURIComponent(path.join(workDir, 'secret.txt'))}`,
      headers: { 'X-Tine-Token': server.token }
    })
    expect(res.status).toBe(404)
    expect(res.body).not.toContain(SECRET)
  })

  it('answers 404 as JSON for a missing file and 400 for a malformed escape', async () => {
    const missing = await fetch(withToken('/nope.js'))
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'not found', code: 'not-found' })
    const malformed = await rawRequest(server.port, { path: '/%E0%A4%A', headers: { 'X-Tine-Token': server.token } })
    expect(malformed.status).toBe(400)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawRequest(server.port, { path: '/', method: 'HEAD', headers: { 'X-Tine-Token': server.token } })
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(INDEX_HTML))
    const del = await rawRequest(server.port, {
      path: '/',
      method: 'DELETE',
      headers: { 'X-Tine-Token': server.token }
    })
    expect(del.status).toBe(405)
  })
})

describe('browser-mode server: API errors', () => {
  it('maps the service refusals to status codes with {error, code}', async () => {
    const forbidden = await invoke('runs.load', { file: '/etc/passwd' })
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toEqual({ error: 'path is outside the opened folders', code: 'forbidden-path' })
    const unknown = await invoke('shell.exec', {})
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).code).toBe('unknown-channel')
  })

  it("maps the service's own internal code to 500", async () => {
    const res = await invoke('folders.close', { folder: '/x' })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'the index cache is broken', code: 'internal' })
  })

  it('answers 500 without leaking the message of an unexpected error', async () => {
    const res = await invoke('runs.step', { file: 'a.tine', stepId: 'x' })
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body).toEqual({ error: 'internal error', code: 'internal' })
  })

  it('refuses malformed JSON, a non-JSON content type, GET on invoke and bodies over 1 MiB', async () => {
    const badJson = await fetch(`${base}/api/invoke/app.info`, {
      method: 'POST',
      headers: { 'X-Tine-Token': server.token, 'Content-Type': 'application/json' },
      body: '{nope'
    })
    expect(badJson.status).toBe(400)
    expect((await badJson.json()).code).toBe('bad-request')
    const form = await fetch(`${base}/api/invoke/app.info`, {
      method: 'POST',
      headers: { 'X-Tine-Token': server.token, 'Content-Type': 'text/plain' },
      body: '{}'
    })
    expect(form.status).toBe(415)
    const get = await fetch(`${base}/api/invoke/app.info`, { headers: { 'X-Tine-Token': server.token } })
    expect(get.status).toBe(405)
    const before = api.calls.length
    const huge = await invoke('folders.open', { paths: ['x'.repeat(MAX_BODY_BYTES)] })
    expect(huge.status).toBe(413)
    expect((await huge.json()).code).toBe('payload-too-large')
    expect(api.calls.length).toBe(before)
  })

  it('answers 413 to a chunked body over the limit (no Content-Length), and the service is never called', async () => {
    const before = api.calls.length
    // Streamed in 64 KiB chunks while the server reads: past the limit the connection must stay up for the answer.
    const filler = Array.from({ length: (8 * MAX_BODY_BYTES) / 65536 }, () => Buffer.alloc(65536, 'x'))
    const exchange = await rawChunkedPost(server.port, {
      path: '/api/invoke/folders.open',
      headers: {
        'Content-Type': 'application/json',
        'X-Tine-Token': server.token,
        Host: `127.0.0.1:${server.port}`
      },
      chunks: [Buffer.from('{"paths": ["'), ...filler, Buffer.from('"]}')]
    })
    expect(exchange.status, `connection ended with ${exchange.error ?? 'no answer'}`).toBe(413)
    expect(JSON.parse(exchange.received.slice(exchange.received.indexOf('\r\n\r\n') + 4)).code).toBe(
      'payload-too-large'
    )
    expect(api.calls.length).toBe(before)
  })

  it('answers 403, not 500, to a token of the right length in characters but not in bytes', async () => {
    const multibyte = 'é'.repeat(server.token.length)
    const logged: string[] = []
    const other = await startBrowserServer({ service: api, rendererDir, logError: (line) => logged.push(String(line)) })
    const at = `http://127.0.0.1:${other.port}`
    try {
      expect((await fetch(`${at}/?token=${encodeURIComponent(multibyte)}`)).status).toBe(403)
      // The same bytes in the header and in the cookie, as a browser would send them.
      const raw = Buffer.from(multibyte, 'utf8').toString('latin1')
      expect(
        (await fetch(`${at}/api/invoke/folders.list`, { method: 'POST', headers: { 'X-Tine-Token': raw } })).status
      ).toBe(403)
      expect((await fetch(`${at}/`, { headers: { Cookie: `tine_token=${raw}` } })).status).toBe(403)
      expect(logged).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('answers 404 for an unknown API path', async () => {
    const res = await fetch(`${base}/api/nothing`, { headers: { 'X-Tine-Token': server.token } })
    expect(res.status).toBe(404)
  })
})

describe('browser-mode server: Server-Sent Events', () => {
  it('delivers a pushed event as a data line, and stops listening when the client leaves', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, {
      headers: { 'X-Tine-Token': server.token },
      signal: controller.signal
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (needle: string): Promise<void> => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${needle}`)
        text += decoder.decode(value, { stream: true })
      }
    }
    await readUntil(': connected')
    const event = { kind: 'unlink' as const, folder: '/runs', file: '/runs/gone "quoted"\n.tine' }
    api.push(event)
    await readUntil('\n\n' + 'data: ')
    await readUntil('}\n\n')
    const line = text.split('\n').find((l) => l.startsWith('data: '))!
    expect(JSON.parse(line.slice('data: '.length))).toEqual(event)
    expect(api.listenerCount).toBe(1)
    controller.abort()
    await expect.poll(() => api.listenerCount, { timeout: 2000 }).toBe(0)
  })

  it('accepts the cookie for the event stream (EventSource cannot send headers)', async () => {
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, {
      headers: { Cookie: `tine_token=${server.token}` },
      signal: controller.signal
    })
    expect(res.status).toBe(200)
    controller.abort()
  })

  it('ends open streams on close, so close() does not hang', async () => {
    const local = new ServedApiDouble()
    const other = await startBrowserServer({ service: local, rendererDir })
    const res = await fetch(`http://127.0.0.1:${other.port}/api/events?token=${other.token}`)
    expect(local.listenerCount).toBe(1)
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(2000)
    expect(local.listenerCount).toBe(0)
    await res.body?.cancel().catch(() => undefined)
  })
})
