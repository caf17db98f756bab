/**
 * A v2 document → Run, with opentine's shape validation and loader normalisations
 * (spec §2, §3, §13 reader steps 4-5). Every refusal names the JSON path.
 */
import {
  readArtifactBytes,
  readArtifactBytesDigestLater,
  readArtifactDocument,
  type ReadArtifact
} from '../tine/artifact'
import { canonicalString } from '../tine/canonical'
import { TineError } from '../tine/errors'
import { integrityDigest, type IntegrityVerdict } from '../tine/integrity'
import { isObject, newObject, type JsonObject, type JsonValue } from '../tine/json-value'
import { writtenKeyOrder, type ParseLimits } from '../tine/parse'
import { Run } from './run'
import { normalizeTags } from './tags'
import { isRunStatus, type Step } from './types'

const KNOWN_TOP_LEVEL = new Set([
  'format_version',
  'run_id',
  'created_at',
  'status',
  'graph',
  'refs',
  'transcript',
  'manifest',
  'policies',
  'cache',
  'metadata',
  'draft'
])
const REQUIRED_TOP_LEVEL = [
  'format_version',
  'run_id',
  'created_at',
  'status',
  'graph',
  'refs',
  'transcript',
  'manifest',
  'policies',
  'cache',
  'metadata'
]
const KNOWN_STEP_KEYS = new Set([
  'id',
  'parent_ids',
  'parent_id',
  'kind',
  'inputs',
  'outputs',
  'model_info',
  'tool_info',
  'error',
  'timestamp',
  'duration',
  'cost',
  'usage',
  'billing',
  'causal_ids',
  'provider',
  'v3_kind'
])
const REQUIRED_STEP_KEYS = [
  'cost',
  'duration',
  'error',
  'id',
  'inputs',
  'kind',
  'model_info',
  'outputs',
  'timestamp',
  'tool_info'
]
const TOKEN_USAGE_KEYS = new Set([
  'input',
  'output',
  'cache_read',
  'cache_write_5m',
  'cache_write_1h',
  'reasoning',
  'total'
])
const V3_KINDS = new Set(['human', 'policy', 'approval', 'subagent'])
const METADATA_RUN_KEYS = new Set(['model_info', 'system_prompt', 'user_prompt', 'tags'])

export interface LoadOptions extends ParseLimits {
  /** The clock for opentine's "created_at of 0 means now" rule (seconds). */
  now?: () => number
  /** Skip the digest of the loaded document (see loadRunPreview). */
  preview?: boolean
}

/** Parses, verifies and loads `.tine` bytes. Integrity problems are reported, not thrown. */
export function loadRunFromBytes(bytes: Uint8Array, options: LoadOptions = {}): Run {
  return runFromArtifact(readArtifactBytes(bytes, options), options)
}

export function loadRunFromDocument(document: unknown, options: LoadOptions = {}): Run {
  return runFromArtifact(readArtifactDocument(document), options)
}

export interface RunDigestLater {
  /** Parsed and shape-checked; its integrity is pending until `verify` has run. */
  run: Run
  /** Computes the digest and gives the run the verdict loadRunFromBytes would have given it. */
  verify(): void
}

/**
 * loadRunFromBytes in two parts, for showing a big run's structure before its digest is known:
 * everything but the digest now, the digest when `verify` is called. Until then the run says its
 * integrity is pending, and nothing may trust it or write it.
 */
export function loadRunDigestLater(bytes: Uint8Array, options: LoadOptions = {}): RunDigestLater {
  const { artifact, verify } = readArtifactBytesDigestLater(bytes, options)
  const run = runFromArtifact(artifact, { ...options, preview: true })
  const settle = (integrity: IntegrityVerdict | null) => {
    run.provenance.integrity = integrity
    // As runFromArtifact records it after a full load.
    run.provenance.loadedDigest = integrity?.actual ?? integrityDigest(artifact.document)
  }
  // The legacy shape has no digest to check: what the full load records is known now.
  if (artifact.sourceFormat === 'legacy-0.1.0') {
    settle(null)
    return { run, verify: () => undefined }
  }
  run.provenance.integrityPending = true
  return {
    run,
    verify() {
      if (!run.provenance.integrityPending) return
      settle(verify())
      delete run.provenance.integrityPending
    }
  }
}

/**
 * A run for a quick listing row: the same shape checks, but no integrity digest (its verdict is
 * null). Nothing read this way may be trusted or written: a full load must follow.
 */
export function loadRunPreview(document: unknown, options: LoadOptions = {}): Run {
  return runFromArtifact(readArtifactDocument(document, { verify: false }), { ...options, preview: true })
}

function path(...parts: string[]): string {
  return (
    '$' +
    parts.map((part) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join('')
  )
}

function shapeError(message: string, at: string): never {
  throw new TineError('artifact.invalid-shape', message, at)
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'bigint') return 'an integer'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

export function runFromArtifact(artifact: ReadArtifact, options: LoadOptions = {}): Run {
  const document = artifact.document
  for (const key of REQUIRED_TOP_LEVEL) if (!(key in document)) shapeError(`missing required field "${key}"`, path(key))
  const runId = document.run_id
  if (typeof runId !== 'string' || runId === '') shapeError('run_id must be a non-empty string', '$.run_id')
  if (typeof document.created_at === 'boolean') shapeError('created_at must be a number', '$.created_at')
  let createdAt = floatOf(document.created_at) ?? notANumber(document.created_at, '$.created_at')
  if (!Number.isFinite(createdAt)) shapeError('created_at must be finite', '$.created_at')
  if (createdAt === 0) createdAt = (options.now ?? (() => Date.now() / 1000))()
  const status = document.status
  if (!isRunStatus(status))
    shapeError(`status must be running, paused, completed or failed, found ${JSON.stringify(status)}`, '$.status')
  const graph = document.graph
  if (!isObject(graph)) shapeError('graph must be an object', '$.graph')
  const stepsObject = graph.steps
  if (!isObject(stepsObject)) shapeError('graph.steps must be an object', '$.graph.steps')
  for (const key of ['refs', 'manifest', 'policies', 'cache', 'metadata'] as const) {
    if (!isObject(document[key])) shapeError(`${key} must be an object`, path(key))
  }
  if (!Array.isArray(document.transcript)) shapeError('transcript must be an array', '$.transcript')
  if ('draft' in document && typeof document.draft !== 'boolean') shapeError('draft must be a boolean', '$.draft')

  const stepKeys = writtenKeyOrder.get(stepsObject) ?? Object.keys(stepsObject)
  let order: string[]
  if (graph.order === undefined) order = stepKeys
  else {
    if (!Array.isArray(graph.order)) shapeError('graph.order must be an array', '$.graph.order')
    order = graph.order.map((id, index) =>
      typeof id === 'string' ? id : shapeError('graph.order entries must be strings', `$.graph.order[${index}]`)
    )
  }
  const position = orderPositions(order, stepsObject, stepKeys)

  const metadata = document.metadata as JsonObject
  const manifest = document.manifest as JsonObject
  const model = manifest.model
  if (model !== undefined && isObject(model) && 'name' in model && typeof model.name !== 'string') {
    shapeError('manifest.model.name must be a string', '$.manifest.model.name')
  }
  const modelInfo =
    isObject(model) && typeof model.name === 'string'
      ? model.name
      : typeof metadata.model_info === 'string'
        ? metadata.model_info
        : ''

  const run = new Run({
    id: runId,
    createdAt,
    status,
    modelInfo,
    systemPrompt: typeof metadata.system_prompt === 'string' ? metadata.system_prompt : '',
    userPrompt: typeof metadata.user_prompt === 'string' ? metadata.user_prompt : ''
  })
  const { steps, outOfOrder } = readSteps(stepsObject, stepKeys, order, position)
  for (const step of steps) run.putStep(step)
  // Parents before children everywhere means no cycle; otherwise a hostile file must not hang a walker.
  if (outOfOrder) refuseCycle(run)

  const refs = document.refs as JsonObject
  for (const name of Object.keys(refs)) {
    const target = refs[name]
    if (typeof target !== 'string') shapeError('refs values must be strings', path('refs', name))
    if (target !== '' && !run.hasStep(target))
      throw new TineError(
        'artifact.graph-invalid',
        `ref ${name} points at ${target}, which is not a stored step`,
        path('refs', name)
      )
    run.refs[name] = target
  }
  if (!('main' in run.refs)) run.refs.main = order.length ? order[order.length - 1] : ''

  run.transcript = document.transcript as JsonValue[]
  run.manifest = manifest
  run.policies = document.policies as JsonObject
  run.cache = document.cache as JsonObject
  run.draft = document.draft === true
  const rest = newObject()
  for (const key of Object.keys(metadata)) if (!METADATA_RUN_KEYS.has(key)) rest[key] = metadata[key]
  run.metadata = rest
  run.tags = normalizeTags(metadata.tags)
  for (const key of Object.keys(document)) if (!KNOWN_TOP_LEVEL.has(key)) run.extraTopLevel[key] = document[key]

  const integrity = isObject(metadata.integrity) ? metadata.integrity : undefined
  const signature = integrity?.signature
  run.provenance = {
    sourceFormat: artifact.sourceFormat,
    integrity: artifact.integrity,
    loadedDigest: artifact.integrity?.actual ?? (options.preview ? undefined : integrityDigest(document))
  }
  if (signature !== undefined && artifact.sourceFormat === 'v2') {
    run.provenance.loadedSignature = signature
    run.provenance.loadedSignedMetadata = signedMetadataFingerprint(metadata)
  }
  return run
}

/** Canonical text of the metadata a signature can cover (everything but integrity). */
export function signedMetadataFingerprint(metadata: JsonObject): string {
  const view = newObject()
  for (const key of Object.keys(metadata)) if (key !== 'integrity') view[key] = metadata[key]
  return canonicalString(view)
}

/** The JSON path of a step or one of its fields, built only for an error message. */
function stepPath(key: string, name?: string): string {
  const base = path('graph', 'steps', key)
  return name === undefined ? base : `${base}.${name}`
}

/** A JSON number as a float (null as 0 where allowed); undefined for anything else. */
function floatOf(value: JsonValue | undefined, allowNull = false): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  return value === null && allowNull ? 0 : undefined
}

function notANumber(value: JsonValue | undefined, at: string): never {
  return shapeError(`expected a number, found ${describe(value)}`, at)
}

/** A step's object field (absent or null as an empty object). */
function stepObject(record: JsonObject, key: string, name: string): JsonObject {
  const value = record[name]
  if (value === null || value === undefined) return newObject()
  if (!isObject(value)) shapeError(`expected an object, found ${describe(value)}`, stepPath(key, name))
  return value
}

function readStep(key: string, value: JsonValue): Step {
  if (!isObject(value)) shapeError(`step must be an object, found ${describe(value)}`, stepPath(key))
  const record = value
  for (const name of REQUIRED_STEP_KEYS)
    if (!(name in record)) shapeError(`step is missing required field "${name}"`, stepPath(key, name))
  if (record.id !== key)
    throw new TineError(
      'artifact.graph-invalid',
      `step key ${key} differs from its embedded id ${JSON.stringify(record.id)}`,
      stepPath(key, 'id')
    )
  const kind = record.kind
  if (typeof kind !== 'string') shapeError('kind must be a string', stepPath(key, 'kind'))
  const modelInfo = record.model_info
  if (typeof modelInfo !== 'string') shapeError('model_info must be a string', stepPath(key, 'model_info'))
  const parentIds = readParentIds(record, key)
  const duration = floatOf(record.duration, true) ?? notANumber(record.duration, stepPath(key, 'duration'))
  const cost = floatOf(record.cost, true) ?? notANumber(record.cost, stepPath(key, 'cost'))
  if (duration < 0) shapeError('duration must be ≥ 0', stepPath(key, 'duration'))
  if (cost < 0) shapeError('cost must be ≥ 0', stepPath(key, 'cost'))
  const step: Step = {
    id: key,
    parentIds,
    kind,
    inputs: stepObject(record, key, 'inputs'),
    outputs: stepObject(record, key, 'outputs'),
    modelInfo,
    toolInfo: stepObject(record, key, 'tool_info'),
    error: stepObject(record, key, 'error'),
    timestamp: floatOf(record.timestamp) ?? notANumber(record.timestamp, stepPath(key, 'timestamp')),
    duration,
    cost
  }
  if (record.usage !== undefined && record.usage !== null) {
    const usage = readUsage(record.usage, key)
    if (Object.keys(usage).length) step.usage = usage
  }
  if (record.billing !== undefined && record.billing !== null) {
    const billing = stepObject(record, key, 'billing')
    if (Object.keys(billing).length) step.billing = billing
  }
  if (Array.isArray(record.causal_ids) && record.causal_ids.length) {
    step.causalIds = record.causal_ids.filter((id): id is string => typeof id === 'string')
  }
  if (typeof record.provider === 'string' && record.provider) step.provider = record.provider
  if (typeof record.v3_kind === 'string' && V3_KINDS.has(record.v3_kind)) step.v3Kind = record.v3_kind
  for (const name of Object.keys(record)) {
    if (!KNOWN_STEP_KEYS.has(name)) (step.extra ??= newObject())[name] = record[name]
  }
  return step
}

function readParentIds(record: JsonObject, key: string): string[] {
  const parents = record.parent_ids
  if (parents === undefined || parents === null)
    return typeof record.parent_id === 'string' && record.parent_id ? [record.parent_id] : []
  if (!Array.isArray(parents)) shapeError('parent_ids must be an array', stepPath(key, 'parent_ids'))
  const ids: string[] = []
  for (let index = 0; index < parents.length; index++) {
    const parent = parents[index]
    if (typeof parent !== 'string') shapeError('parent ids must be strings', `${stepPath(key, 'parent_ids')}[${index}]`)
    ids.push(parent)
  }
  return ids
}

const MAX_TOKENS = 2n ** 53n - 1n

/** A step's usage object, normalised; `key` names the step in an error. */
function readUsage(value: JsonValue, key: string): JsonObject {
  if (!isObject(value)) shapeError(`expected an object, found ${describe(value)}`, stepPath(key, 'usage'))
  const usage = value
  const out = newObject()
  for (const name of Object.keys(usage)) {
    let amount = usage[name]
    if (typeof amount === 'boolean' || (typeof amount !== 'number' && typeof amount !== 'bigint')) {
      shapeError('usage values must be numbers', stepPath(key, `usage.${name}`))
    }
    if (typeof amount === 'number') {
      if (!Number.isFinite(amount)) shapeError('usage values must be finite', stepPath(key, `usage.${name}`))
      if (Number.isInteger(amount)) amount = BigInt(amount)
    }
    if (TOKEN_USAGE_KEYS.has(name)) {
      if (typeof amount !== 'bigint')
        shapeError(`token count "${name}" must be a whole number`, stepPath(key, `usage.${name}`))
      if (amount < 0n || amount > MAX_TOKENS)
        shapeError(`token count "${name}" must be between 0 and 2^53-1`, stepPath(key, `usage.${name}`))
    }
    out[name] = amount
  }
  return out
}

/** Each step's place in graph.order; any listed-twice, unknown or unlisted step is refused. */
function orderPositions(
  order: readonly string[],
  stepsObject: JsonObject,
  stepKeys: readonly string[]
): Map<string, number> {
  const position = new Map<string, number>()
  for (let index = 0; index < order.length; index++) {
    position.set(order[index], index)
    if (position.size !== index + 1) refuseOrder(order, stepsObject, stepKeys)
  }
  // Equal sizes leave one mismatch to find: an order entry that is not a step, which readSteps meets as a step without a place.
  if (position.size !== stepKeys.length) refuseOrder(order, stepsObject, stepKeys)
  return position
}

/** The first fault between graph.order and graph.steps, in the order a reader meets them. */
function refuseOrder(order: readonly string[], stepsObject: JsonObject, stepKeys: readonly string[]): never {
  const seen = new Set<string>()
  for (let index = 0; index < order.length; index++) {
    const id = order[index]
    if (seen.has(id))
      throw new TineError(
        'artifact.graph-invalid',
        `step ${id} is listed twice in graph.order`,
        `$.graph.order[${index}]`
      )
    if (!(id in stepsObject))
      throw new TineError(
        'artifact.graph-invalid',
        `graph.order lists ${id}, which is not in graph.steps`,
        `$.graph.order[${index}]`
      )
    seen.add(id)
  }
  const missing = stepKeys.find((id) => !seen.has(id))
  throw new TineError('artifact.graph-invalid', `graph.order does not list step ${missing}`, '$.graph.order')
}

/**
 * Reads the steps in the order they are written, which is the order they lie in memory after the
 * parse (reading them in graph order jumps across the heap: twice as slow on 100,000 steps), and
 * places each at its position in graph.order. Every parent must be a step; a parent placed at or
 * after its child makes `outOfOrder`, which only a cycle search can clear.
 */
function readSteps(
  stepsObject: JsonObject,
  stepKeys: readonly string[],
  order: readonly string[],
  position: ReadonlyMap<string, number>
): { steps: Step[]; outOfOrder: boolean } {
  const steps = new Array<Step>(stepKeys.length)
  let outOfOrder = false
  for (let keyIndex = 0; keyIndex < stepKeys.length; keyIndex++) {
    const key = stepKeys[keyIndex]
    const stepIndex = position.get(key)
    if (stepIndex === undefined) refuseOrder(order, stepsObject, stepKeys)
    const step = readStep(key, stepsObject[key])
    const parents = step.parentIds
    for (let index = 0; index < parents.length; index++) {
      const at = position.get(parents[index])
      if (at === undefined) {
        throw new TineError(
          'artifact.graph-invalid',
          `step ${key} names parent ${parents[index]}, which is not in the graph`,
          `${path('graph', 'steps', key)}.parent_ids[${index}]`
        )
      }
      if (at >= stepIndex) outOfOrder = true
    }
    steps[stepIndex] = step
  }
  return { steps, outOfOrder }
}

function refuseCycle(run: Run): void {
  const cycle = findCycle(run)
  if (cycle) {
    throw new TineError(
      'artifact.graph-invalid',
      `cycle in parent_ids: ${cycle.map((id) => id.slice(0, 12)).join(' -> ')}`,
      path('graph', 'steps', cycle[0])
    )
  }
}

function findCycle(run: Run): string[] | null {
  const state = new Map<string, 1 | 2>()
  for (const root of run.order) {
    if (state.has(root)) continue
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }]
    state.set(root, 1)
    while (stack.length) {
      const frame = stack[stack.length - 1]
      const parents = run.getStep(frame.id)!.parentIds
      if (frame.next < parents.length) {
        const parent = parents[frame.next++]
        const mark = state.get(parent)
        if (mark === 1) {
          const from = stack.findIndex((entry) => entry.id === parent)
          return [...stack.slice(from).map((entry) => entry.id), parent]
        }
        if (mark === undefined) {
          state.set(parent, 1)
          stack.push({ id: parent, next: 0 })
        }
        continue
      }
      state.set(frame.id, 2)
      stack.pop()
    }
  }
  return null
}
