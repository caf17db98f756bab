/**
 * Version handling (spec §12): v1 documents are migrated to v2 in memory, and the legacy
 * 0.1.0 "linear" shape is imported. The input document is never modified.
 */
import { computeStepId } from './ids'
import { integrityDigest } from './integrity'
import {
  arrayOr,
  deepCopy,
  isObject,
  newObject,
  obj,
  objectOr,
  str,
  toNumber,
  type JsonObject,
  type JsonValue
} from './json-value'
import { TOOL_NAME } from './version'

export function isLegacyLinear(document: JsonValue): boolean {
  return isObject(document) && document.type === 'Run' && Array.isArray(document.steps) && !('graph' in document)
}

function migrationChain(metadata: JsonObject): JsonValue[] {
  return Array.isArray(metadata.migration) ? metadata.migration : []
}

/** v1 → v2: bump the version, record the migration, drop any signature, re-digest. */
export function migrateV1(document: JsonObject): JsonObject {
  const migrated = deepCopy(document)
  migrated.format_version = 2n
  const metadata = objectOr(migrated.metadata)
  migrated.metadata = metadata
  metadata.migration = [...migrationChain(metadata), obj({ from: 1n, to: 2n, tool: TOOL_NAME })]
  metadata.integrity = obj({ algorithm: 'sha256', digest: integrityDigest(migrated) })
  return migrated
}

/** The legacy 0.1.0 linear shape → a v2 document (via v1), with §8 ids recomputed. */
export function importLegacyLinear(legacy: JsonObject): JsonObject {
  const idMap = new Map<string, string>()
  const order: string[] = []
  const steps = newObject()
  for (const entry of arrayOr(legacy.steps)) {
    const record = objectOr(entry)
    const oldParent = typeof record.parent_id === 'string' ? record.parent_id : null
    const parentIds = oldParent !== null && idMap.has(oldParent) ? [idMap.get(oldParent)!] : []
    const kind = str(record.kind, 'think')
    const inputs = isObject(record.inputs) ? deepCopy(record.inputs) : newObject()
    const outputs = isObject(record.outputs) ? deepCopy(record.outputs) : newObject()
    const modelInfo = str(record.model_info)
    const id = computeStepId({ kind, inputs, parentIds, outputs, modelInfo, toolInfo: newObject(), error: newObject() })
    if (typeof record.id === 'string') idMap.set(record.id, id)
    if (!(id in steps)) order.push(id)
    steps[id] = obj({
      cost: toNumber(record.cost),
      duration: toNumber(record.duration),
      error: newObject(),
      id,
      inputs,
      kind,
      model_info: modelInfo,
      outputs,
      parent_ids: parentIds,
      timestamp: toNumber(record.timestamp),
      tool_info: newObject()
    })
  }
  const metadata = deepCopy(objectOr(legacy.metadata))
  delete metadata.integrity
  for (const key of ['model_info', 'system_prompt', 'user_prompt']) {
    if (!(key in metadata) && typeof legacy[key] === 'string') metadata[key] = legacy[key]
  }
  metadata.migration = [
    ...migrationChain(metadata),
    obj({ from: 0n, note: '0.1.0-linear-import', to: 1n, tool: TOOL_NAME }),
    obj({ from: 1n, to: 2n, tool: TOOL_NAME })
  ]
  const runId = typeof legacy.id === 'string' && legacy.id ? legacy.id : str(legacy.run_id, 'legacy-run')
  const document = obj({
    cache: newObject(),
    created_at:
      typeof legacy.created_at === 'number' || typeof legacy.created_at === 'bigint' ? toNumber(legacy.created_at) : 0,
    format_version: 2n,
    graph: obj({ order, steps }),
    manifest: newObject(),
    metadata,
    policies: newObject(),
    refs: obj({ main: order.length ? order[order.length - 1] : '' }),
    run_id: runId,
    status: str(legacy.status, 'completed'),
    transcript: []
  })
  metadata.integrity = obj({ algorithm: 'sha256', digest: integrityDigest(document) })
  return document
}
