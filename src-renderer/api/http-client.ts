/**
 * TineApi over browser mode's HTTP server: POST /api/invoke/<channel> and Server-Sent Events at
 * /api/events. The access token arrives once in the address bar; it is kept in sessionStorage
 * and removed from the visible URL so it does not end up in bookmarks or screenshots.
 */
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'

export const TOKEN_STORAGE_KEY = 'tine_token'
export const TOKEN_HEADER = 'X-Tine-Token'

export interface TokenEnvironment {
  location: Pick<Location, 'href'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
  history: Pick<History, 'replaceState' | 'state'>
}

/** Reads the token from `?token=` (then hides it) or from session storage. */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl)
    url.searchParams.delete('token')
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY)
}

export interface HttpApiOptions {
  origin: string
  token: string | null
  fetch: typeof fetch
  /** Opens the event stream; EventSource cannot send headers, so the token rides in the query. */
  openEvents: (url: string) => EventSource
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: unknown; code?: unknown }
    if (typeof body.error === 'string')
      return new ApiError(typeof body.code === 'string' ? body.code : `http-${response.status}`, body.error)
  } catch {
    // Not a JSON error body: fall through to the status line.
  }
  if (response.status === 403)
    return new ApiError('forbidden', 'access denied: open the URL printed by `tine ui` (it carries the access token)')
  return new ApiError(
    `http-${response.status}`,
    `request failed: HTTP ${response.status} ${response.statusText}`.trim()
  )
}

export function createHttpApi(options: HttpApiOptions): TineApi {
  const listeners = new Set<(event: PushEvent) => void>()
  let source: EventSource | null = null
  let hadError = false
  const emit = (event: PushEvent) => {
    for (const listener of [...listeners]) listener(event)
  }

  const eventsUrl = () => {
    const url = new URL('/api/events', options.origin)
    if (options.token) url.searchParams.set('token', options.token)
    return url.toString()
  }

  const connect = () => {
    source = options.openEvents(eventsUrl())
    source.onmessage = (message: MessageEvent<string>) => {
      let event: PushEvent
      try {
        event = JSON.parse(message.data) as PushEvent
      } catch {
        return
      }
      emit(event)
    }
    source.onerror = () => {
      hadError = true
    }
    source.onopen = () => {
      // EventSource reconnects by itself, but events sent while it was away are lost: resend the whole state.
      if (hadError) {
        api.invoke('folders.list', {}).then(
          (folders) => emit({ kind: 'folders', folders }),
          () => undefined
        )
      }
      hadError = false
    }
  }

  const api: TineApi = {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (options.token) headers[TOKEN_HEADER] = options.token
      let response: Response
      try {
        response = await options.fetch(new URL(`/api/invoke/${channel}`, options.origin).toString(), {
          method: 'POST',
          headers,
          body: JSON.stringify(request),
          credentials: 'same-origin'
        })
      } catch (error) {
        throw new ApiError(
          'network',
          `cannot reach the opentine server (${error instanceof Error ? error.message : String(error)}); is \`tine ui\` still running?`
        )
      }
      if (!response.ok) throw await errorFrom(response)
      return (await response.json()) as ResponseOf<C>
    },
    onEvent(listener) {
      listeners.add(listener)
      if (!source) connect()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && source) {
          source.close()
          source = null
        }
      }
    }
  }
  return api
}
