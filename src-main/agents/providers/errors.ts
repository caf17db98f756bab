/**
 * One clear line for every way a provider call can fail. Both official SDKs throw errors with
 * the same shape (an HTTP `status`, a connection error class, a user-abort class), so one
 * translation serves Anthropic, OpenAI and OpenAI-compatible endpoints.
 */
export type ProviderErrorKind =
  | 'auth'
  | 'permission'
  | 'rate-limit'
  | 'not-found'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'bad-response'

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind
  readonly status?: number

  constructor(kind: ProviderErrorKind, message: string, status?: number) {
    super(message)
    this.name = kind === 'aborted' ? 'AbortError' : 'ProviderError'
    this.kind = kind
    this.status = status
  }
}

export interface ErrorContext {
  /** "Anthropic", "OpenAI" or "the endpoint at http://…". */
  label: string
  baseUrl: string
  model: string
  /** Never echoed back, even when a server puts it in an error message. */
  apiKey?: string
}

interface SdkErrorShape {
  name?: string
  message?: string
  status?: number
  error?: unknown
  cause?: unknown
}

/** Turns whatever an SDK threw into a ProviderError with a one-line message. */
export function toProviderError(error: unknown, context: ErrorContext, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error
  const shape = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape
  const name = constructorName(error)
  const detail = scrub(serverMessage(shape), context.apiKey)
  const withDetail = (text: string): string => (detail ? `${text}: ${detail}` : text)
  const { label, baseUrl, model } = context

  if (signal?.aborted || name === 'APIUserAbortError' || shape.name === 'AbortError') {
    return new ProviderError('aborted', `${label} request cancelled`)
  }
  if (name === 'APIConnectionTimeoutError')
    return new ProviderError('timeout', `${label} did not answer in time (${baseUrl})`)
  if (name === 'APIConnectionError') {
    const cause = scrub(causeMessage(shape.cause), context.apiKey)
    return new ProviderError('network', `cannot reach ${baseUrl}${cause ? ` (${cause})` : ''}`)
  }
  const status = typeof shape.status === 'number' ? shape.status : undefined
  if (status === 401) return new ProviderError('auth', `${label} rejected the API key (401)`, status)
  if (status === 403)
    return new ProviderError('permission', withDetail(`${label} refused the request (403 permission denied)`), status)
  if (status === 429)
    return new ProviderError(
      'rate-limit',
      withDetail(`${label} rate limited the request (429); try again later`),
      status
    )
  if (status === 404)
    return new ProviderError(
      'not-found',
      withDetail(`${label} has no model "${model}" or no such endpoint (404)`),
      status
    )
  if (status !== undefined && status >= 500)
    return new ProviderError('server', withDetail(`${label} had a server error (${status})`), status)
  if (status !== undefined)
    return new ProviderError('bad-request', withDetail(`${label} rejected the request (${status})`), status)
  // Errors sent inside an open stream (e.g. an SSE `error` event) have no HTTP status.
  const message = scrub(firstLine(shape.message ?? ''), context.apiKey)
  return new ProviderError('bad-response', `${label} failed: ${message || name || 'unknown error'}`)
}

function constructorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return ''
  return (error as { constructor?: { name?: string } }).constructor?.name ?? ''
}

/** The server's own explanation (`{"error": {"message": …}}` in both wire formats). */
function serverMessage(shape: SdkErrorShape): string {
  const body = shape.error as { message?: unknown; error?: { message?: unknown } } | undefined
  const text =
    typeof body?.error?.message === 'string'
      ? body.error.message
      : typeof body?.message === 'string'
        ? body.message
        : ''
  return firstLine(text)
}

function causeMessage(cause: unknown): string {
  if (!(cause instanceof Error)) return ''
  const code = (cause as { code?: unknown }).code
  const inner = (cause as { cause?: unknown }).cause
  if (typeof code === 'string') return code
  if (inner instanceof Error) return causeMessage(inner) || firstLine(inner.message)
  return firstLine(cause.message)
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0].trim()
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

function scrub(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[REDACTED]') : text
}
