/** The banner's words for what a file says went wrong before, one line per override and per warning. */
import { describe, expect, it } from 'vitest'
import type { TrustView } from '../../src-shared/api/types'
import { trustWarnings } from './trust-text'

const CLEAN: TrustView = {
  integrity: 'ok',
  integrityReason: '',
  expectedDigest: null,
  actualDigest: null,
  signature: 'unsigned',
  signatureScheme: null,
  signatureAlgorithm: null,
  signatureKeyId: null,
  signatureSigner: null,
  readOnlyReason: null,
  integrityOverrides: [],
  stepIdMismatches: 0,
  journalEntries: 0
}

describe('trustWarnings', () => {
  it('says which write went ahead from a file that failed its check, for every action', () => {
    const overrides = ['fork', 'retry', 'edit', 'pause', 'continue'].map((action) => ({
      action,
      reason: 'digest mismatch',
      sourceRun: 'abc'
    }))
    const lines = trustWarnings({ ...CLEAN, integrityOverrides: overrides })
    expect(lines.map((line) => line.text)).toEqual([
      'forked from a file that failed its integrity check (digest mismatch)',
      'forked (retry with changes) from a file that failed its integrity check (digest mismatch)',
      'forked (edit before continuing) from a file that failed its integrity check (digest mismatch)',
      'written (pause) from a file that failed its integrity check (digest mismatch)',
      'written (continue) from a file that failed its integrity check (digest mismatch)'
    ])
    expect(lines.every((line) => line.tone === 'bad')).toBe(true)
  })

  it('marks a view extended by journal entries as not covered by the digest or signature', () => {
    const [line] = trustWarnings({ ...CLEAN, journalEntries: 2 })
    expect(line).toMatchObject({ state: 'journal-extended', tone: 'warn' })
    expect(line.text).toBe('Includes 2 unsaved journal entries beside the file: not covered by its digest or signature')
    expect(trustWarnings(CLEAN)).toEqual([])
  })
})
