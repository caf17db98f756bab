import { describe, expect, it } from 'vitest'
import { parseArtifactText } from './parse'

describe('the end of a document', () => {
  it('reports garbage after a complete document as extra data, not as a truncated file', () => {
    for (const tail of ['x', 'garbage', ' trailing', '{}']) {
      expect(() => parseArtifactText(`{"a": 1}${tail}`)).toThrow(
        /^extra data after the document \(line 1, column \d+\)/
      )
    }
  })

  it('still reports a cut-off document as truncated', () => {
    expect(() => parseArtifactText('{"a": [1, 2')).toThrow(/truncated file\?/)
  })
})
