/**
 * Forking a run (spec §9.2, §9.4): a new run holding the fork point and its whole ancestry,
 * identified by the hash of a recorded fork act. The source run is never modified.
 */
import { TineError } from '../tine/errors'
import { forkRecordToJson, forkRunId, intentHash, sliceHash, type ForkRecord } from '../tine/ids'
import { deepCopy, isObject, newObject, type JsonObject } from '../tine/json-value'
import { Run, cloneStep } from './run'
import { isIntegrityOverride } from './tamper'
import { sliceTranscript } from './transcript'

/** 'after' keeps the chosen step (opentine's API); 'before' retries it (forks at its primary parent). */
export type ForkMode = 'before' | 'after'

export interface ForkOptions {
  /** Step id or unique prefix. */
  at: string
  mode: ForkMode
  /** Default 'main'. */
  branch?: string
  intent?: JsonObject | null
  /** '' = deterministic id; undefined = 32 random hex chars. */
  nonce?: string
  /** An explicit id: then no metadata.fork record is written. */
  newRunId?: string
  /** Unix seconds for created_at; default now. */
  now?: number
}

export interface ForkResult {
  run: Run
  forkPoint: string
  /** Retained step ids, in source order. */
  retained: string[]
  /** The fork-act record as stored in metadata.fork, or null for an explicit id. */
  record: JsonObject | null
}

const DROPPED_METADATA = ['budget_state', 'fork', 'integrity', 'tags', 'warnings']
const LOWER_HEX64 = /^[0-9a-f]{64}$/

/**
 * The step a fork keeps as its tip. 'after' keeps the step itself; 'before' (retry the step) keeps
 * its parent. For a merge step that is the last-listed parent, the one spec §3 calls primary for
 * display: a fork has one point (§9.4), so the other merged branch stays in the source run.
 */
export function forkPointFor(source: Run, at: string, mode: ForkMode): string {
  const id = source.resolve(at)
  if (mode === 'after') return id
  const parents = source.getStep(id)!.parentIds
  if (parents.length === 0) {
    throw new TineError(
      'run.invalid-argument',
      `cannot fork before step ${id.slice(0, 12)}: it is a root step, so nothing comes before it`
    )
  }
  return parents[parents.length - 1]
}

function randomNonce(): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The source digest a fork records: the digest the source file carried, when it is well-formed. */
function sourceDigestOf(source: Run): string {
  const expected = source.provenance.integrity?.expected
  return typeof expected === 'string' && LOWER_HEX64.test(expected) ? expected : ''
}

function slicePricing(pricing: JsonObject, retained: ReadonlySet<string>): JsonObject {
  const sliced = pricing
  if (isObject(sliced.rate_cards)) {
    const cards = newObject()
    for (const id of Object.keys(sliced.rate_cards)) if (retained.has(id)) cards[id] = sliced.rate_cards[id]
    sliced.rate_cards = cards
  }
  if (Array.isArray(sliced.invocations)) {
    sliced.invocations = sliced.invocations.filter(
      (entry) => !isObject(entry) || typeof entry.step_id !== 'string' || retained.has(entry.step_id)
    )
  }
  return sliced
}

export function forkRun(source: Run, options: ForkOptions): ForkResult {
  const branch = options.branch ?? 'main'
  if (!branch) throw new TineError('run.invalid-argument', 'a fork branch name must be a non-empty string')
  const point = forkPointFor(source, options.at, options.mode)
  // Ancestors up to and including the point, following parent_ids and causal_ids.
  const closure = new Set(source.ancestors(point, { followCausal: true }))
  const retained = source.order.filter((id) => closure.has(id))

  let record: JsonObject | null = null
  let runId = options.newRunId
  if (runId === undefined) {
    const fork: ForkRecord = {
      version: 1,
      source: source.id,
      source_digest: sourceDigestOf(source),
      point,
      slice: sliceHash(retained),
      slice_size: retained.length,
      branch,
      intent: intentHash(options.intent ?? null),
      nonce: options.nonce ?? randomNonce()
    }
    record = forkRecordToJson(fork)
    runId = forkRunId(record)
  }

  let lastModel = ''
  for (let i = retained.length - 1; i >= 0 && !lastModel; i--) lastModel = source.getStep(retained[i])!.modelInfo

  // Forks written by this app start paused: nothing is executing them yet (spec 9.4 says `running`; see the README's compatibility notes).
  const run = new Run({
    id: runId,
    createdAt: options.now ?? Date.now() / 1000,
    status: 'paused',
    modelInfo: lastModel,
    systemPrompt: source.systemPrompt,
    userPrompt: source.userPrompt
  })
  for (const id of retained) run.putStep(cloneStep(source.getStep(id)!))
  run.refs = Object.create(null) as Record<string, string>
  run.refs[branch] = point
  run.refs.fork_point = point
  if (!('main' in run.refs)) run.refs.main = retained[retained.length - 1]

  const metadata = deepCopy(source.metadata)
  for (const key of DROPPED_METADATA) delete metadata[key]
  // A fork of content that failed its check carries that on, whatever else it drops.
  const overrides = Array.isArray(source.metadata.warnings) ? source.metadata.warnings.filter(isIntegrityOverride) : []
  if (overrides.length) metadata.warnings = deepCopy(overrides)
  metadata.forked_from = source.id
  metadata.fork_point = point
  if (record) metadata.fork = deepCopy(record)
  run.metadata = metadata

  const manifest = deepCopy(source.manifest)
  delete manifest.resume_history
  if (isObject(manifest.pricing)) manifest.pricing = slicePricing(manifest.pricing, closure)
  if (isObject(manifest.model)) {
    if (lastModel) manifest.model.name = lastModel
    else delete manifest.model.name
  }
  run.manifest = manifest

  run.transcript = sliceTranscript(source.transcript, closure, point)
  run.policies = deepCopy(source.policies)
  return { run, forkPoint: point, retained, record }
}
