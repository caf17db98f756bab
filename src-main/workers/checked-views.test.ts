import { readdirSync, utimesSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { CheckedViews } from './checked-views'
import { sha256HexOfText } from '../../src-shared/tine/hash'
import { tempFolder } from '../testing/support'

const stamp = (file: string, mtimeMs = 1, size = 10) => ({ file, mtimeMs, size })
const bytes = (text: string) => () => new TextEncoder().encode(text)
const digest = (text: string) => sha256HexOfText(text)

describe('CheckedViews', () => {
  test('gives a view only for the stamp and the bytes it was kept with', () => {
    const views = new CheckedViews()
    views.keep('a', stamp('a'), digest('run a'), '{"a":1}')
    expect(views.current('a', stamp('a'), bytes('run a'))).toBe('{"a":1}')
    expect(views.current('a', stamp('a'), bytes('run A'))).toBeNull()
    views.keep('a', stamp('a'), digest('run a'), '{"a":1}')
    expect(views.current('a', stamp('a', 2), bytes('run a'))).toBeNull()
    // A stale view is dropped, not kept for the old stamp.
    expect(views.current('a', stamp('a'), bytes('run a'))).toBeNull()
  })

  test('keeps the most recently checked views within its memory budget', () => {
    const views = new CheckedViews({ memoryBytes: 25 })
    views.keep('a', stamp('a'), digest('a'), 'x'.repeat(10))
    views.keep('b', stamp('b'), digest('b'), 'y'.repeat(10))
    views.keep('a', stamp('a', 2), digest('a2'), 'z'.repeat(10))
    views.keep('c', stamp('c'), digest('c'), 'w'.repeat(10))
    expect(views.current('b', stamp('b'), bytes('b'))).toBeNull()
    expect(views.current('a', stamp('a', 2), bytes('a2'))).toBe('z'.repeat(10))
    expect(views.current('c', stamp('c'), bytes('c'))).toBe('w'.repeat(10))
  })

  test('a later session gets the written views of its own app version, within the disk budget', () => {
    const dir = tempFolder('tine-views-')
    const seen = new Set<string>()
    // Room for three of these views (each about 250 bytes with its header).
    const first = new CheckedViews({ dir, appVersion: '1.0.0', diskBytes: 900 })
    for (const [index, name] of ['a', 'b', 'c'].entries()) {
      first.keep(name, stamp(name), digest(name), name.repeat(100))
      const written = readdirSync(dir).find((entry) => !entry.endsWith('.tmp') && !seen.has(entry))!
      seen.add(written)
      utimesSync(path.join(dir, written), 1000 + index, 1000 + index)
    }
    expect(readdirSync(dir)).toHaveLength(3)
    // A fourth view passes the budget: the least recently used one goes.
    first.keep('d', stamp('d'), digest('d'), 'd'.repeat(100))
    expect(readdirSync(dir)).toHaveLength(3)

    const next = new CheckedViews({ dir, appVersion: '1.0.0' })
    expect(next.current('a', stamp('a'), bytes('a'))).toBeNull()
    expect(next.current('d', stamp('d'), bytes('d'))).toBe('d'.repeat(100))
    expect(next.current('b', stamp('b'), bytes('changed'))).toBeNull()
    expect(new CheckedViews({ dir, appVersion: '1.1.0' }).current('c', stamp('c'), bytes('c'))).toBeNull()
  })
})
