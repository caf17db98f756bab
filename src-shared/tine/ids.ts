/** Content-addressed identities: step ids (§8), fresh run ids (§9.1), fork run ids (§9.2, §9.3). */
import { canonicalBytes, canonicalString, compareCodePoints } from './canonical'
import { sha256Hex, sha256HexOfText } from './hash'
import { newObject, obj, type JsonObject, type JsonValue } from './json-value'

export interface StepContent {
  kind: string
  inputs: JsonValue
  parentIds: readonly string[]
  outputs?: JsonValue
  modelInfo?: string
  toolInfo?: JsonValue
  error?: JsonValue
}

function orEmpty(value: JsonValue | undefined): JsonValue {
  // Python's `value or {}`: every falsy value becomes {}.
  if (value === undefined || value === null || value === false || value === '' || value === 0 || value === 0n)
    return newObject()
  if (Array.isArray(value) && value.length === 0) return newObject()
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return newObject()
  return value
}

/** The payload hashed into a step id. */
export function stepIdPayload(content: StepContent): JsonObject {
  return obj({
    error: orEmpty(content.error),
    inputs: content.inputs,
    kind: content.kind,
    model_info: content.modelInfo ?? '',
    outputs: orEmpty(content.outputs),
    parent_ids: [...content.parentIds],
    tool_info: orEmpty(content.toolInfo)
  })
}

export function computeStepId(content: StepContent): string {
  return sha256Hex(canonicalBytes(stepIdPayload(content)))
}

const HEX64 = /^[0-9a-f]{64}$/

export function isContentHash(id: string): boolean {
  return HEX64.test(id)
}

/** A fresh run id: the step id of a parentless model step whose input is the creation time in ns. */
export function freshRunId(nowNanoseconds: bigint): string {
  return computeStepId({ kind: 'model', inputs: obj({ created_at: nowNanoseconds }), parentIds: [] })
}

export interface ForkRecord {
  version: 1
  source: string
  source_digest: string
  point: string
  slice: string
  slice_size: number
  branch: string
  intent: string
  nonce: string
}

export function forkRecordToJson(record: ForkRecord): JsonObject {
  return obj({
    branch: record.branch,
    intent: record.intent,
    nonce: record.nonce,
    point: record.point,
    slice: record.slice,
    slice_size: BigInt(record.slice_size),
    source: record.source,
    source_digest: record.source_digest,
    version: 1n
  })
}

/** SHA-256 of the canonical sorted list of retained step ids. */
export function sliceHash(retainedIds: Iterable<string>): string {
  return sha256HexOfText(canonicalString([...retainedIds].sort(compareCodePoints)))
}

export function intentHash(intent: JsonObject | null | undefined): string {
  return sha256Hex(canonicalBytes(intent ?? newObject()))
}

/** The 0.4.0+ fork-act run id. */
export function forkRunId(record: JsonObject): string {
  return computeStepId({ kind: 'model', inputs: obj({ fork: record }), parentIds: [] })
}

/** The pre-0.4.0 fork run id. */
export function legacyForkRunId(sourceRunId: string, forkPoint: string): string {
  return computeStepId({ kind: 'model', inputs: obj({ fork: sourceRunId, from: forkPoint }), parentIds: [] })
}

/**
 * Checks a fork run id against its record: `null` when there is nothing to check
 * (no record, or a record version this reader does not know), else whether it matches.
 */
export function verifyForkRunId(runId: string, record: JsonValue | undefined): boolean | null {
  if (record === undefined) return null
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return false
  if (record.version !== 1n) return null
  return forkRunId(record) === runId
}
