/**
 * Run → document → text, as opentine's `Run.save` does (spec §13, writer steps 1-5):
 * build the dict, redact credentials, mark drafts, digest, keep or drop the signature.
 */
import { canonicalString } from '../tine/canonical'
import { TineError } from '../tine/errors'
import { integrityDigest } from '../tine/integrity'
import { isObject, newObject, obj, type JsonObject, type JsonValue } from '../tine/json-value'
import { prettyJson } from '../tine/pretty'
import { redactCredentials } from '../tine/redact'
import { FORMAT_VERSION } from '../tine/version'
import { signedMetadataFingerprint } from './load'
import type { Run } from './run'
import type { Step } from './types'

export interface SaveOptions {
  /** Write a draft autosave checkpoint (`draft: true` plus `metadata.autosave`). */
  draft?: boolean
  /** Exact secrets (API keys held by the app) that must never reach the file. */
  secrets?: readonly string[]
}

export function stepToRecord(step: Step): JsonObject {
  const record = obj({
    cost: step.cost,
    duration: step.duration,
    error: step.error,
    id: step.id,
    inputs: step.inputs,
    kind: step.kind,
    model_info: step.modelInfo,
    outputs: step.outputs,
    parent_ids: step.parentIds,
    timestamp: step.timestamp,
    tool_info: step.toolInfo
  })
  if (step.usage && Object.keys(step.usage).length) record.usage = step.usage
  if (step.billing && Object.keys(step.billing).length) record.billing = step.billing
  if (step.causalIds?.length) record.causal_ids = step.causalIds
  if (step.provider) record.provider = step.provider
  if (step.v3Kind) record.v3_kind = step.v3Kind
  if (step.extra) for (const key of Object.keys(step.extra)) if (!(key in record)) record[key] = step.extra[key]
  return record
}

/** The unsigned, undigested dict of a run (opentine's `run_to_dict`). */
export function runToDict(run: Run, options: SaveOptions = {}): JsonObject {
  const steps = newObject()
  const order: string[] = []
  for (const step of run.steps) {
    steps[step.id] = stepToRecord(step)
    order.push(step.id)
  }
  const refs = newObject()
  for (const name of Object.keys(run.refs)) refs[name] = run.refs[name]
  const metadata = newObject()
  for (const key of Object.keys(run.metadata))
    if (key !== 'integrity' && key !== 'autosave' && key !== 'tags') metadata[key] = run.metadata[key]
  metadata.model_info = run.modelInfo
  metadata.system_prompt = run.systemPrompt
  metadata.user_prompt = run.userPrompt
  if (run.tags.length) metadata.tags = [...run.tags]
  const draft = options.draft ?? false
  if (draft) {
    metadata.autosave = obj({ partial: true, status: run.status, step_count: BigInt(run.stepCount) })
  }
  const document = newObject()
  for (const key of Object.keys(run.extraTopLevel)) document[key] = run.extraTopLevel[key]
  Object.assign(document, {
    cache: run.cache,
    created_at: run.createdAt,
    format_version: FORMAT_VERSION,
    graph: obj({ order, steps }),
    manifest: run.manifest,
    metadata,
    policies: run.policies,
    refs,
    run_id: run.id,
    status: run.status,
    transcript: run.transcript
  })
  if (draft) document.draft = true
  return document
}

/** The complete document as it will be written: redacted, digested, signature kept or dropped. */
export function runToDocument(run: Run, options: SaveOptions = {}): JsonObject {
  const document = redactCredentials(runToDict(run, options), options.secrets) as JsonObject
  assertWritable(document)
  const digest = integrityDigest(document)
  const metadata = document.metadata as JsonObject
  const integrity = obj({ algorithm: 'sha256', digest })
  const { loadedSignature, loadedDigest, loadedSignedMetadata } = run.provenance
  // A signature survives a re-save only while everything it can cover is unchanged.
  if (
    loadedSignature !== undefined &&
    loadedDigest === digest &&
    loadedSignedMetadata === signedMetadataFingerprint(metadata)
  ) {
    integrity.signature = loadedSignature
  }
  metadata.integrity = integrity
  return document
}

/** The file text, byte-identical to opentine's pretty-printer (no trailing newline). */
export function serializeRun(run: Run, options: SaveOptions = {}): string {
  return prettyJson(runToDocument(run, options))
}

export function serializeDocument(document: JsonObject): string {
  return prettyJson(document)
}

/** Refuse to write what the reader would refuse: lone surrogates, non-finite numbers. */
export function assertWritable(value: JsonValue, at = '$'): void {
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value))
      throw new TineError('artifact.lone-surrogate', 'refusing to write an unpaired surrogate', at)
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TineError('canon.non-finite', `refusing to write ${value}`, at)
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertWritable(value[i], `${at}[${i}]`)
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (hasLoneSurrogate(key))
        throw new TineError('artifact.lone-surrogate', 'refusing to write an unpaired surrogate in a key', at)
      assertWritable(value[key], `${at}.${key}`)
    }
  }
}

const SURROGATE = /[\ud800-\udfff]/

function hasLoneSurrogate(text: string): boolean {
  if (!SURROGATE.test(text)) return false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      return true
    }
    if (code >= 0xdc00 && code <= 0xdfff) return true
  }
  return false
}

export { canonicalString }
