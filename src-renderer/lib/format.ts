/** Short human spellings for the UI. */
import { formatCost as opentineCost } from '../../src-shared/run/format'

import { shortId as firstCharacters } from '../../src-shared/run/format'
import { visibleText } from '../../src-shared/api/visible-text'

export { formatTokens } from '../../src-shared/run/format'

/** An id's first 12 characters as shown: an opaque id from a file may hold bidi overrides. */
export function shortId(id: string): string {
  return visibleText(firstCharacters(id))
}

export function formatCost(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '$0'
  return opentineCost(usd)
}

/** Seconds as "320 ms", "4.2 s", "3m 12s", "2h 05m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0 s'
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(Math.round(seconds % 60)).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** How long ago a Unix time (seconds) was, relative to `nowMs`. */
export function formatAge(unixSeconds: number, nowMs: number = Date.now()): string {
  if (!Number.isFinite(unixSeconds) || unixSeconds <= 0) return '—'
  const seconds = Math.max(0, nowMs / 1000 - unixSeconds)
  if (seconds < 45) return 'just now'
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`
  if (seconds < 86400 * 30) return `${Math.round(seconds / 86400)} d ago`
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10)
}

/** A Unix time (seconds) as "2025-03-01 14:02:11 UTC". */
export function formatTimestamp(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds) || unixSeconds <= 0) return '—'
  const date = new Date(unixSeconds * 1000)
  if (Number.isNaN(date.getTime())) return String(unixSeconds)
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
