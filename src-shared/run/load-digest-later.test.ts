import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXAMPLES_DIR, FIXTURES_DIR, walkFiles } from '../../e2e/kit/paths'
import { writeTampered } from '../../e2e/kit/run-files'
import { trustView } from '../api/run-view'
import { loadRunDigestLater, loadRunFromBytes } from './load'

/** Every real file that loads (opentine's releases, its GUI, our examples), a tampered copy, a re-indented one and one without a digest. */
function loadableFiles(): string[] {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-digest-later-'))
  const example = walkFiles(EXAMPLES_DIR, '.tine')[0]
  const tampered = path.join(scratch, 'tampered.tine')
  writeTampered(example, tampered)
  const reindented = path.join(scratch, 'reindented.tine')
  writeFileSync(reindented, JSON.stringify(JSON.parse(readFileSync(example, 'utf8')), null, 3))
  const undigested = path.join(scratch, 'undigested.tine')
  const raw = JSON.parse(readFileSync(example, 'utf8'))
  delete raw.metadata.integrity
  writeFileSync(undigested, JSON.stringify(raw, null, 2))
  return [
    ...walkFiles(FIXTURES_DIR, '.tine'),
    ...walkFiles(EXAMPLES_DIR, '.tine'),
    tampered,
    reindented,
    undigested
  ].filter((file) => {
    try {
      loadRunFromBytes(readFileSync(file))
      return true
    } catch {
      return false
    }
  })
}

describe('loading with the digest later', () => {
  const files = loadableFiles()

  it('says integrity is pending until verify, then holds what the one-step load holds', () => {
    expect(files.length).toBeGreaterThan(10)
    const states = new Set<string>()
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file))
      const whole = loadRunFromBytes(bytes)
      const later = loadRunDigestLater(bytes)
      const legacy = whole.provenance.sourceFormat === 'legacy-0.1.0'
      expect(later.run.provenance.integrityPending === true, file).toBe(!legacy)
      if (!legacy) expect(trustView(later.run).integrity, file).toBe('checking')
      later.verify()
      later.verify()
      expect(later.run.provenance, file).toEqual(whole.provenance)
      expect(later.run.steps, file).toEqual(whole.steps)
      expect(trustView(later.run), file).toEqual(trustView(whole))
      states.add(trustView(whole).integrity)
    }
    // The files cover a verified digest, a mismatch, a missing digest and a legacy file.
    expect([...states]).toEqual(expect.arrayContaining(['ok', 'mismatch', 'missing', 'legacy']))
  })
})
