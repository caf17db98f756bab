/**
 * A sidecar journal cannot change what a verified file shows: it applies only to the saved state
 * it names (run id + digest), never replaces a step the file holds, a stale entry from before the
 * last save cannot move refs back, and the app never reports a signature over journal content.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignatureCheckView } from '../../src-shared/api/action-types'
import type { RunView } from '../../src-shared/api/types'
import { obj } from '../../src-shared/tine/json-value'
import { parseArtifactText } from '../../src-shared/tine/parse'
import { createApiService, type ApiServiceWithStats } from '../api/service'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { tempFolder } from '../testing/support'
import { encodeJournalLine, journalPathFor } from './journal'
import { recoverRunDetailed } from './journal-recover'

const GOLDEN_KEY = 'golden-tine-signing-key-01234567'
let folder: string
let service: ApiServiceWithStats

beforeAll(async () => {
  folder = tempFolder('tine-journal-binding-')
  service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-cache-'), version: 'test' })
  await service.openPaths([folder])
})
afterAll(() => service.close())

function signedCopy(name: string): { file: string; raw: any } {
  const file = path.join(folder, name)
  copyFileSync(path.join(FIXTURES_DIR, 'golden/golden_signed_v2.tine'), file)
  return { file, raw: JSON.parse(readFileSync(file, 'utf8')) }
}

/** A journal line as our writer encodes it, from plain JSON (ints stay ints). */
function line(entry: unknown): string {
  return encodeJournalLine(parseArtifactText(JSON.stringify(entry)) as ReturnType<typeof obj>)
}

function entry(raw: any, base: string, steps: unknown[], refs: Record<string, string>) {
  return {
    v: 1,
    kind: 'step',
    run_id: raw.run_id,
    base,
    steps,
    transcript_from: raw.transcript.length,
    transcript: [],
    cache: {},
    fields: { status: raw.status, refs }
  }
}

describe('journal binding', () => {
  it('never shows injected text under a step id the signed file holds', async () => {
    const { file, raw } = signedCopy('injected.tine')
    const id = raw.graph.order[0]
    const forged = { ...raw.graph.steps[id], outputs: { result: 'INJECTED' } }
    writeFileSync(journalPathFor(file), line(entry(raw, raw.metadata.integrity.digest, [forged], raw.refs)))
    const { run, replayedEntries } = await recoverRunDetailed(file)
    expect(replayedEntries).toBe(0)
    expect(JSON.stringify(run.getStep(id)!.outputs)).not.toContain('INJECTED')
  })

  it('applies no entry written for another run, even one naming the saved digest', async () => {
    const { file, raw } = signedCopy('other-run.tine')
    const added = { ...raw.graph.steps[raw.refs.main], id: 'from-another-run', parent_ids: [raw.refs.main] }
    const bound = entry(raw, raw.metadata.integrity.digest, [added], { ...raw.refs, main: 'from-another-run' })
    writeFileSync(journalPathFor(file), line({ ...bound, run_id: `${raw.run_id}-other` }))
    const { run, replayedEntries } = await recoverRunDetailed(file)
    expect(replayedEntries).toBe(0)
    expect(run.hasStep('from-another-run')).toBe(false)
    expect(run.refs.main).toBe(raw.refs.main)
    // The same entry bound to this run applies: only the run id kept it out.
    writeFileSync(journalPathFor(file), line(bound))
    expect((await recoverRunDetailed(file)).run.hasStep('from-another-run')).toBe(true)
  })

  it('applies only entries bound to the saved digest; a stale one cannot move refs back', async () => {
    const { file, raw } = signedCopy('stale.tine')
    const tip = raw.refs.main
    const root = raw.graph.order[0]
    writeFileSync(journalPathFor(file), line(entry(raw, 'f'.repeat(64), [], { main: root })))
    const stale = await recoverRunDetailed(file)
    expect(stale.replayedEntries).toBe(0)
    expect(stale.run.refs.main).toBe(tip)
  })

  it('marks a journal-extended view and never reports the signature as verifying it', async () => {
    const { file, raw } = signedCopy('extended.tine')
    const added = {
      id: 'journal-step-1',
      kind: 'think',
      parent_ids: [raw.refs.main],
      inputs: {},
      outputs: { text: 'added later' },
      model_info: '',
      tool_info: {},
      error: {},
      timestamp: 1.0,
      duration: 0.0,
      cost: 0.0
    }
    writeFileSync(
      journalPathFor(file),
      line(entry(raw, raw.metadata.integrity.digest, [added], { main: 'journal-step-1' }))
    )
    const view = (await service.dispatch('runs.load', { file })) as RunView
    expect(view.trust.journalEntries).toBe(1)
    expect(view.steps.map((step) => step.id)).toContain('journal-step-1')
    const check = (await service.dispatch('runs.verifySignature', { file, hmacKey: GOLDEN_KEY })) as SignatureCheckView
    expect(check).toMatchObject({ ok: false, state: 'journal-extended' })
    expect(check.reason).toContain('holds for the saved file only')
  })
})
