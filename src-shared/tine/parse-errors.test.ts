import { describe, expect, it } from 'vitest'
import { parseArtifactBytes } from './parse'

const utf8 = (text: string) => new TextEncoder().encode(text)

function messageOf(bytes: Uint8Array): string {
  try {
    parseArtifactBytes(bytes)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('parsed')
}

describe('parse errors in plain words', () => {
  it('says a file of prose is not JSON, where it goes wrong', () => {
    expect(messageOf(utf8('this is not json'))).toBe("not JSON: unexpected 't' at line 1, column 1")
    expect(messageOf(utf8('\n\n  <html>'))).toBe("not JSON: unexpected '<' at line 3, column 3")
    expect(messageOf(utf8('   '))).toBe('not JSON: the file is empty')
  })

  it('calls random bytes binary data', () => {
    const random = new Uint8Array(256)
    for (let i = 0; i < random.length; i++) random[i] = (i * 73 + 151) % 256
    expect(messageOf(random)).toMatch(/^not JSON: binary data, file is not valid UTF-8 \(near byte \d+\)$/)
    expect(messageOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatch(/^not JSON: binary data, NUL byte/)
  })

  it('still reports a cut-short document as truncated', () => {
    expect(messageOf(utf8('{"run_id": "abc", "steps'))).toMatch(/truncated file\?/)
  })
})
