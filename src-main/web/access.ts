/**
 * Who may talk to the browser-mode server: requests that name our exact Host (so a DNS-rebound
 * hostname is refused) and carry the access token (query, header or cookie).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_QUERY = 'token'
export const TOKEN_HEADER = 'x-tine-token'
export const TOKEN_COOKIE = 'tine_token'

export function newAccessToken(): string {
  return randomBytes(32).toString('hex')
}

/** The Host values a browser sends when it really loaded our URL. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase())
}

/**
 * A page on another origin (including another port of localhost, which browsers count as the same
 * site, so SameSite cookies still flow) must not drive the API with our cookie.
 */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}

export function cookieValue(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie
  if (typeof header !== 'string') return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

export interface PresentedToken {
  /** Where the valid token came from, or null when none matched. */
  source: 'query' | 'header' | 'cookie' | null
}

function sameSecret(candidate: string | null | undefined, token: string): boolean {
  if (typeof candidate !== 'string') return false
  // Compared as bytes: a string of the right length in characters may still differ in bytes
  // (multibyte characters), and timingSafeEqual throws on unequal lengths.
  const given = Buffer.from(candidate, 'utf8')
  const expected = Buffer.from(token, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Any one valid source is enough: a stale cookie from an earlier server must not block a fresh URL. */
export function presentedToken(req: IncomingMessage, url: URL, token: string): PresentedToken {
  if (sameSecret(url.searchParams.get(TOKEN_QUERY), token)) return { source: 'query' }
  const header = req.headers[TOKEN_HEADER]
  if (sameSecret(Array.isArray(header) ? header[0] : header, token)) return { source: 'header' }
  if (sameSecret(cookieValue(req, TOKEN_COOKIE), token)) return { source: 'cookie' }
  return { source: null }
}

/** Lets the page's own assets (script, css) load without the token in every URL. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
