import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src-shared/api/api-error'
import type { PushEvent } from '../../src-shared/api/contract'
import { bridgeError, createBridgeApi } from './bridge-client'
import { createHttpApi, takeToken, TOKEN_HEADER, TOKEN_STORAGE_KEY } from './http-client'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data
  }
}

function recordingHistory() {
  const replaced: string[] = []
  return {
    state: null,
    replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)),
    replaced
  }
}

describe('access token', () => {
  it('takes the token from the address bar, stores it and removes it from the visible URL', () => {
    const storage = memoryStorage()
    const history = recordingHistory()
    const token = takeToken({ location: { href: 'http://127.0.0.1:5000/?token=abc123&view=x#top' }, storage, history })
    expect(token).toBe('abc123')
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123')
    expect(history.replaced).toEqual(['/?view=x#top'])
  })

  it('falls back to the stored token after a reload, and to none at all', () => {
    const history = recordingHistory()
    expect(
      takeToken({
        location: { href: 'http://127.0.0.1:5000/' },
        storage: memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' }),
        history
      })
    ).toBe('kept')
    expect(takeToken({ location: { href: 'http://127.0.0.1:5000/' }, storage: memoryStorage(), history })).toBeNull()
    expect(history.replaced).toEqual([])
  })
})

class FakeEventSource {
  onmessage: ((event: MessageEvent<string>) => void) | null = null
  onerror: (() => void) | null = null
  onopen: (() => void) | null = null
  closed = false
  constructor(readonly url: string) {}
  close() {
    this.closed = true
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('HTTP client', () => {
  it('posts each call to /api/invoke/<channel> with the token header', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const api = createHttpApi({
      origin: 'http://127.0.0.1:5000',
      token: 'secret',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init ?? {} })
        return jsonResponse(200, [])
      },
      openEvents: (url) => new FakeEventSource(url) as unknown as EventSource
    })
    expect(await api.invoke('folders.list', {})).toEqual([])
    await api.invoke('runs.step', { file: '/r/a.tine', stepId: 'abc' })
    expect(seen.map((call) => call.url)).toEqual([
      'http://127.0.0.1:5000/api/invoke/folders.list',
      'http://127.0.0.1:5000/api/invoke/runs.step'
    ])
    expect(seen[1].init.method).toBe('POST')
    expect((seen[1].init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('secret')
    expect(JSON.parse(String(seen[1].init.body))).toEqual({ file: '/r/a.tine', stepId: 'abc' })
  })

  it('turns error bodies into ApiError with the server code, and explains a bare 403', async () => {
    let status = 400
    const api = createHttpApi({
      origin: 'http://127.0.0.1:5000',
      token: null,
      fetch: async () =>
        status === 400
          ? jsonResponse(400, { error: 'runs.load: path is outside the opened folders', code: 'forbidden-path' })
          : new Response('no', { status: 403 }),
      openEvents: (url) => new FakeEventSource(url) as unknown as EventSource
    })
    const refused = await api.invoke('runs.load', { file: '/etc/x.tine' }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('forbidden-path')
    status = 403
    const denied = (await api.invoke('folders.list', {}).catch((error: unknown) => error)) as ApiError
    expect(denied.code).toBe('forbidden')
    expect(denied.message).toMatch(/token/)
  })

  it('streams events with the token in the query, resends the folder list after a reconnect, and closes when unused', async () => {
    const sources: FakeEventSource[] = []
    const folders = [{ folder: '/r', singleFile: null, runs: [], watchMode: 'events' as const }]
    const api = createHttpApi({
      origin: 'http://127.0.0.1:5000',
      token: 't0k',
      fetch: async () => jsonResponse(200, folders),
      openEvents: (url) => {
        const source = new FakeEventSource(url)
        sources.push(source)
        return source as unknown as EventSource
      }
    })
    const received: PushEvent[] = []
    const unsubscribe = api.onEvent((event) => received.push(event))
    api.onEvent(() => undefined)()
    expect(sources).toHaveLength(1)
    expect(new URL(sources[0].url).searchParams.get('token')).toBe('t0k')
    const event: PushEvent = { kind: 'unlink', folder: '/r', file: '/r/a.tine' }
    sources[0].onmessage?.({ data: JSON.stringify(event) } as MessageEvent<string>)
    sources[0].onmessage?.({ data: 'not json' } as MessageEvent<string>)
    sources[0].onopen?.()
    expect(received).toEqual([event])
    sources[0].onerror?.()
    sources[0].onopen?.()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(received[1]).toEqual({ kind: 'folders', folders })
    unsubscribe()
    expect(sources[0].closed).toBe(true)
  })
})

describe('bridge client', () => {
  it("keeps the code of the preload's {error, code} rejections and strips Electron's prefix", async () => {
    expect(bridgeError({ error: 'outside the opened folders', code: 'forbidden-path' })).toMatchObject({
      code: 'forbidden-path',
      message: 'outside the opened folders'
    })
    expect(bridgeError(new Error("Error invoking remote method 'tine:runs.load': Error: boom")).message).toBe('boom')
    const api = createBridgeApi({
      invoke: async (channel) => {
        if (channel === 'app.info') return JSON.stringify({ version: '1', mode: 'electron', platform: 'linux' })
        throw { error: 'nope', code: 'bad-request' }
      },
      onEvent: () => () => undefined,
      pathForFile: () => ''
    })
    expect(await api.invoke('app.info', {})).toMatchObject({ mode: 'electron' })
    await expect(api.invoke('folders.list', {})).rejects.toMatchObject({ code: 'bad-request', message: 'nope' })
  })
})
