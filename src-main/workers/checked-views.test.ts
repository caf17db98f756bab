import { describe, expect, test } from 'vitest'
import { CheckedViews } from './checked-views'

const stamp = (file: string, mtimeMs = 1, size = 10) => ({ file, mtimeMs, size })

describe('CheckedViews', () => {
  test('gives a view only while the file has the stamp it was kept with', () => {
    const views = new CheckedViews(100)
    views.keep('a', stamp('a'), '{"a":1}')
    expect(views.current('a', stamp('a'))).toBe('{"a":1}')
    expect(views.current('a', stamp('a', 2))).toBeNull()
    // A stale view is dropped, not kept for the old stamp.
    expect(views.current('a', stamp('a'))).toBeNull()
  })

  test('keeps the most recently checked views within its budget', () => {
    const views = new CheckedViews(25)
    views.keep('a', stamp('a'), 'x'.repeat(10))
    views.keep('b', stamp('b'), 'y'.repeat(10))
    views.keep('a', stamp('a', 2), 'z'.repeat(10))
    views.keep('c', stamp('c'), 'w'.repeat(10))
    expect(views.current('b', stamp('b'))).toBeNull()
    expect(views.current('a', stamp('a', 2))).toBe('z'.repeat(10))
    expect(views.current('c', stamp('c'))).toBe('w'.repeat(10))
    views.keep('huge', stamp('huge'), 'h'.repeat(26))
    expect(views.current('huge', stamp('huge'))).toBeNull()
    expect(views.current('c', stamp('c'))).toBe('w'.repeat(10))
  })
})
