/** Strings with escapes decode exactly as JSON.parse decodes them, and a raw control character anywhere is refused. */
import { describe, expect, it } from 'vitest'
import { isObject } from './json-value'
import { parseArtifactBytesWithLayout, parseArtifactText } from './parse'

const TAILS = ['"', '\\', '\\"', '\n', '\t', '\u00e9', '\u{1F600}', '\u2028']

function strings(): string[] {
  const out: string[] = []
  for (const at of [0, 1, 7, 95, 96, 97, 500])
    for (const tail of TAILS) out.push('x'.repeat(at) + tail + 'y'.repeat(at % 13) + tail + 'z')
  out.push(`${'line\n'.repeat(3_000)}"end"`, '\\'.repeat(301), 'plain'.repeat(1_000))
  return out
}

describe('string decoding', () => {
  it('gives what JSON.parse gives, and marks raw non-ASCII as not canonical', () => {
    for (const text of strings()) {
      const json = JSON.stringify({ text })
      const parsed = parseArtifactText(json)
      expect(isObject(parsed) && parsed.text).toBe(text)
      const raw = JSON.stringify({ text }).replace(/\\n/g, '\\u000a')
      expect((parseArtifactText(raw) as { text: string }).text).toBe(text)
    }
    const nonAscii = new TextEncoder().encode(JSON.stringify({ text: 'a\\n' + 'b'.repeat(200) + 'é' }))
    expect(parseArtifactBytesWithLayout(nonAscii).canonical).toBeNull()
  })

  it('refuses a raw control character before, between and after escapes', () => {
    for (const text of ['\u0001abc', 'a\\nb\u0001c', `${'a\\n'.repeat(50)}${'b'.repeat(200)}\u001f`]) {
      expect(() => parseArtifactText(`{"text": "${text}"}`)).toThrow(/control character/)
    }
  })
})
