/**
 * Cached replay (spec §16): a deterministic fork that reuses the recorded steps up to a point, and the
 * check that such a replay is faithful: the same id when derived twice, exactly the point's ancestry,
 * a valid integrity digest after a save and reload, and no drift against the source.
 */
import { obj } from '../tine/json-value'
import type { IntegrityVerdict } from '../tine/integrity'
import { diffRuns, type RunDiff } from './diff/diff'
import { forkRun, type ForkResult } from './fork'
import { loadRunFromBytes } from './load'
import { Run, cloneStep } from './run'
import { serializeRun } from './save'

const HEX64 = /^[0-9a-f]{64}$/

/** The cached replay: a fork with the fixed replay intent and an empty nonce, so its id is stable. */
export function cachedReplay(source: Run, point: string): ForkResult {
  const result = forkRun(source, { at: point, mode: 'after', intent: obj({ replay: 'cache' }), nonce: '' })
  result.run.metadata.replay = obj({
    mode: 'cache',
    reused_steps: BigInt(result.retained.length),
    source_run: source.id
  })
  result.run.status = source.status
  return result
}

/** The source cut down to what a replay from `point` must reproduce: the point and its ancestry. */
function expectedSlice(source: Run, point: string): Run {
  const closure = new Set(source.ancestors(point, { followCausal: true }))
  const slice = new Run({
    id: source.id,
    createdAt: source.createdAt,
    status: source.status,
    modelInfo: source.modelInfo
  })
  for (const id of source.order) if (closure.has(id)) slice.putStep(cloneStep(source.getStep(id)!))
  slice.refs.main = point
  return slice
}

export interface ReplayVerification {
  ok: boolean
  replayId: string
  secondId: string
  identityOk: boolean
  forkPoint: string
  expectedSteps: number
  reusedSteps: number
  sliceOk: boolean
  integrity: IntegrityVerdict
  drift: RunDiff['drift']
  structuralDrift: boolean
  accountingDrift: boolean
}

const encoder = new TextEncoder()

/**
 * Replays the run in `bytes` from `point` and checks the replay. The replay is serialised and parsed
 * again, so the verdict is about the bytes a save would write; the second derivation starts from the
 * source bytes again, so nothing held in memory can make the two ids agree.
 */
export function verifyReplay(bytes: Uint8Array, point: string, ignoreCostDrift: boolean): ReplayVerification {
  const source = loadRunFromBytes(bytes)
  const first = cachedReplay(source, point)
  const reloaded = loadRunFromBytes(encoder.encode(serializeRun(first.run)))
  const second = cachedReplay(loadRunFromBytes(bytes), point)
  const expected = expectedSlice(source, point)
  const expectedIds = new Set(expected.order)
  const sliceOk = reloaded.stepCount === expectedIds.size && reloaded.order.every((id) => expectedIds.has(id))
  const identityOk = HEX64.test(first.run.id) && first.run.id === second.run.id && reloaded.id === first.run.id
  const integrity = reloaded.provenance.integrity ?? {
    ok: false,
    algorithm: null,
    expected: null,
    actual: null,
    reason: 'no integrity digest',
    draft: false
  }
  const drift = diffRuns(expected, reloaded).drift
  const structuralDrift = drift.structural.length + drift.only_source.length + drift.only_replay.length > 0
  const accountingDrift = drift.accounting.length > 0
  const ok = identityOk && sliceOk && integrity.ok && !structuralDrift && (!accountingDrift || ignoreCostDrift)
  return {
    ok,
    replayId: first.run.id,
    secondId: second.run.id,
    identityOk,
    forkPoint: first.forkPoint,
    expectedSteps: expectedIds.size,
    reusedSteps: reloaded.stepCount,
    sliceOk,
    integrity,
    drift,
    structuralDrift,
    accountingDrift
  }
}
