/**
 * The run search grammar (spec §18): shell-style tokens; `tag: model: status: cost: after: before:`
 * predicates, everything else free text. All predicates and terms must hold.
 */
import { TineError } from '../tine/errors'
import type { IndexEntry } from './index-entry'
import { normalizeTags } from './tags'

export interface Query {
  /** Lower-cased free-text terms; each must be a substring of the entry's text. */
  terms: string[]
  /** Normalised tags; all must be present. */
  tags: string[]
  /** Lower-cased; each must be a substring of the model. */
  models: string[]
  /** Lower-cased; each must equal the status. */
  statuses: string[]
  /** Inclusive bounds in USD. */
  costMin: number | null
  costMax: number | null
  /** Inclusive bounds on created_at, Unix seconds (UTC). */
  after: number | null
  before: number | null
}

function invalid(message: string): never {
  throw new TineError('query.invalid', message)
}

/** POSIX shell-style splitting as Python's `shlex.split`: quotes, backslash escapes, no comments. */
export function shellTokens(text: string): string[] {
  const tokens: string[] = []
  let current = ''
  let inToken = false
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (/\s/.test(char)) {
      if (inToken) tokens.push(current)
      current = ''
      inToken = false
      i++
    } else if (char === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) invalid(`unclosed quote in ${JSON.stringify(text.slice(i))}`)
      current += text.slice(i + 1, end)
      inToken = true
      i = end + 1
    } else if (char === '"') {
      const opening = i
      i++
      let closed = false
      while (i < text.length) {
        const inner = text[i]
        if (inner === '"') {
          closed = true
          i++
          break
        }
        // Inside double quotes a backslash escapes only these, as in a POSIX shell.
        if (inner === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1])) {
          current += text[i + 1]
          i += 2
          continue
        }
        current += inner
        i++
      }
      if (!closed) invalid(`unclosed quote in ${JSON.stringify(text.slice(opening))}`)
      inToken = true
    } else if (char === '\\') {
      if (i + 1 >= text.length) invalid('a backslash at the end of the query escapes nothing')
      current += text[i + 1]
      inToken = true
      i += 2
    } else {
      current += char
      inToken = true
      i++
    }
  }
  if (inToken) tokens.push(current)
  return tokens
}

const PREDICATES = new Set(['tag', 'model', 'status', 'cost', 'after', 'before'])
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

function amount(text: string, token: string): number {
  const trimmed = text.trim()
  if (!NUMBER.test(trimmed)) invalid(`bad cost in ${JSON.stringify(token)}: ${JSON.stringify(text)} is not a number`)
  const value = Number(trimmed)
  if (!Number.isFinite(value)) invalid(`bad cost in ${JSON.stringify(token)}: ${JSON.stringify(text)} is out of range`)
  return value
}

function costBounds(value: string, token: string): { min: number | null; max: number | null } {
  const range = value.indexOf('..')
  if (range >= 0) {
    const low = value.slice(0, range)
    const high = value.slice(range + 2)
    if (!low && !high)
      invalid(`bad cost in ${JSON.stringify(token)}: a range needs at least one bound (A..B, ..B or A..)`)
    return { min: low ? amount(low, token) : null, max: high ? amount(high, token) : null }
  }
  for (const [prefix, bound] of [
    ['>=', 'min'],
    ['<=', 'max'],
    ['>', 'min'],
    ['<', 'max']
  ] as const) {
    if (value.startsWith(prefix)) {
      const parsed = amount(value.slice(prefix.length), token)
      return bound === 'min' ? { min: parsed, max: null } : { min: null, max: parsed }
    }
  }
  return { min: amount(value, token), max: null }
}

const DATE_FORMS = [
  /^(\d{4})-(\d{2})-(\d{2})$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/,
  /^(\d{4})\/(\d{2})\/(\d{2})$/
]

/** A UTC date in one of the three accepted spellings, as Unix seconds. */
export function parseQueryDate(value: string, token: string): number {
  for (const form of DATE_FORMS) {
    const match = form.exec(value)
    if (!match) continue
    const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number)
    const ms = Date.UTC(year, month - 1, day, hour, minute, second)
    const back = new Date(ms)
    const valid =
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    if (!valid) invalid(`bad date in ${JSON.stringify(token)}: ${value} is not a real date`)
    return ms / 1000
  }
  return invalid(`bad date in ${JSON.stringify(token)}: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or YYYY/MM/DD`)
}

export function parseQuery(text: string): Query {
  const query: Query = {
    terms: [],
    tags: [],
    models: [],
    statuses: [],
    costMin: null,
    costMax: null,
    after: null,
    before: null
  }
  for (const token of shellTokens(text)) {
    const colon = token.indexOf(':')
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : ''
    const value = colon > 0 ? token.slice(colon + 1) : ''
    if (!PREDICATES.has(key) || value === '') {
      query.terms.push(token.toLowerCase())
      continue
    }
    switch (key) {
      case 'tag': {
        const [tag] = normalizeTags([value])
        if (tag) query.tags.push(tag)
        break
      }
      case 'model':
        query.models.push(value.toLowerCase())
        break
      case 'status':
        query.statuses.push(value.toLowerCase())
        break
      case 'cost': {
        const { min, max } = costBounds(value, token)
        if (min !== null) query.costMin = query.costMin === null ? min : Math.max(query.costMin, min)
        if (max !== null) query.costMax = query.costMax === null ? max : Math.min(query.costMax, max)
        break
      }
      case 'after': {
        const at = parseQueryDate(value, token)
        query.after = query.after === null ? at : Math.max(query.after, at)
        break
      }
      case 'before': {
        const at = parseQueryDate(value, token)
        query.before = query.before === null ? at : Math.min(query.before, at)
        break
      }
    }
  }
  return query
}

export function matchesQuery(entry: IndexEntry, query: Query): boolean {
  if (entry.unreadable) return false
  if (!query.tags.every((tag) => entry.tags.includes(tag))) return false
  const model = entry.model.toLowerCase()
  if (!query.models.every((wanted) => model.includes(wanted))) return false
  const status = entry.status.toLowerCase()
  if (!query.statuses.every((wanted) => status === wanted)) return false
  if (query.costMin !== null && !(entry.cost >= query.costMin)) return false
  if (query.costMax !== null && !(entry.cost <= query.costMax)) return false
  if (query.after !== null && !(entry.created_at >= query.after)) return false
  if (query.before !== null && !(entry.created_at <= query.before)) return false
  return query.terms.every((term) => entry.text.includes(term))
}

/** Matching entries, newest `created_at` first. */
export function searchEntries(entries: readonly IndexEntry[], query: Query): IndexEntry[] {
  return entries.filter((entry) => matchesQuery(entry, query)).sort((x, y) => y.created_at - x.created_at)
}
