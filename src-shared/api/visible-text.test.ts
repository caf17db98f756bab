import { describe, expect, it } from 'vitest'
import { visibleText } from './visible-text'

describe('visibleText', () => {
  it('shows a right-to-left override as an escape, so a spoofed name reads as it is', () => {
    expect(visibleText('invoice\u202Egnp.exe')).toBe('invoice\\u{202E}gnp.exe')
    expect(visibleText('a\u2066b\u200Fc\uFEFF')).toBe('a\\u{2066}b\\u{200F}c\\u{FEFF}')
  })

  it('leaves ordinary text, including right-to-left scripts, alone', () => {
    expect(visibleText('run-7.tine שלום مرحبا')).toBe('run-7.tine שלום مرحبا')
  })
})
