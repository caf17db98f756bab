import { describe, expect, it } from 'vitest'
import { shortId } from './format'

describe('shortId as shown', () => {
  it('keeps 12 characters of an id and escapes a bidi override among them', () => {
    expect(shortId('0123456789abcdef')).toBe('0123456789ab')
    expect(shortId('s1\u202Egnp.exe')).toBe('s1\\u{202E}gnp.exe')
  })
})
