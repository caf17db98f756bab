import { expect, it } from 'vitest'
import { middleEllipsis } from './middle-ellipsis'

it('shortens in the middle and keeps short names', () => {
  expect(middleEllipsis('short.tine', 20)).toBe('short.tine')
  const long = 'a-very-long-run-file-name-from-an-agent-2026-12-01.tine'
  const short = middleEllipsis(long, 24)
  expect(short).toHaveLength(24)
  expect(short.startsWith('a-very-long')).toBe(true)
  expect(short.endsWith('12-01.tine')).toBe(true)
  expect(short).toContain('…')
})
