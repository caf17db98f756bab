/**
 * Serving model and tool calls from a recorded run, so no call is paid for twice. A call is served
 * only when its semantic key (kind + canonical inputs, spec §5) matches a recorded entry, so a
 * changed prompt or argument is always a miss. The source run is read once and never modified.
 */
import { deepCopy, isObject, newObject, str, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Run } from '../run/run'
import { responseFromJson } from './cache-entry'
import { modelRequestKey, toolCallKey } from './semantic-key'
import type { ModelRequest, ModelResponse } from './types'

export interface ReplayStats {
  modelHits: number
  modelMisses: number
  toolHits: number
  toolMisses: number
}

export interface ServedModel {
  response: ModelResponse
  /** The provenance recorded with the original call (provider, model, step_id, run_id). */
  provenance: JsonObject
}

export interface ServedTool {
  result: JsonValue
  provenance: JsonObject
}

export class ReplayCache {
  readonly stats: ReplayStats = { modelHits: 0, modelMisses: 0, toolHits: 0, toolMisses: 0 }

  private constructor(
    readonly sourceRunId: string,
    private readonly entries: ReadonlyMap<string, JsonObject>
  ) {}

  /** Takes deep copies of the source's cache entries; later changes to either side do not leak. */
  static fromRun(source: Run): ReplayCache {
    const entries = new Map<string, JsonObject>()
    for (const key of Object.keys(source.cache)) {
      const entry = source.cache[key]
      if (isObject(entry) && (entry.kind === 'model.complete' || entry.kind === 'tool.call'))
        entries.set(key, deepCopy(entry))
    }
    return new ReplayCache(source.id, entries)
  }

  get size(): number {
    return this.entries.size
  }

  lookupModel(request: ModelRequest): ModelResponse | undefined {
    return this.serveModel(modelRequestKey(request))?.response
  }

  lookupTool(name: string, args: JsonObject): JsonValue | undefined {
    return this.serveTool(toolCallKey(name, args))?.result
  }

  /** Lookup by a key already computed (the loop keeps the conversation's key incrementally). */
  serveModel(key: string): ServedModel | undefined {
    const entry = this.entries.get(key)
    const response = entry?.kind === 'model.complete' ? responseFromJson(deepCopy(entry.value)) : undefined
    if (!entry || !response) {
      this.stats.modelMisses += 1
      return undefined
    }
    this.stats.modelHits += 1
    return { response, provenance: provenanceOf(entry) }
  }

  serveTool(key: string): ServedTool | undefined {
    const entry = this.entries.get(key)
    if (!entry || entry.kind !== 'tool.call' || entry.value === undefined) {
      this.stats.toolMisses += 1
      return undefined
    }
    this.stats.toolHits += 1
    return { result: deepCopy(entry.value), provenance: provenanceOf(entry) }
  }
}

function provenanceOf(entry: JsonObject): JsonObject {
  return isObject(entry.provenance) ? deepCopy(entry.provenance) : newObject()
}

/** The provider a recorded call came from, or '' when the entry does not say. */
export function recordedProvider(provenance: JsonObject): string {
  return str(provenance.provider)
}
