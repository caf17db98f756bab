/**
 * OpenTelemetry export (spec §17 `tine export --format otel-json`): one OTLP/JSON trace per run,
 * one CLIENT span per step.
 *
 * The spec does not pin how opentine derives trace and span ids (it lives in code not reproduced),
 * so ours are deterministic hashes: traceId = first 32 hex of SHA-256("opentine.otel.trace.v1" NUL
 * run_id), spanId = first 16 hex of SHA-256("opentine.otel.span.v1" NUL run_id NUL step_id).
 * Exporting the same run twice gives the same document; ids will not match opentine's own export.
 */
import { canonicalString } from '../tine/canonical'
import { sha256HexOfText } from '../tine/hash'
import { obj, type JsonObject, type JsonValue } from '../tine/json-value'
import { stepCost, stepTokens } from './cost'
import type { Run } from './run'
import type { Step } from './types'

export interface OtelOptions {
  serviceName: string
  /** The exporting tool's version, recorded as the instrumentation scope version. */
  version: string
}

const SPAN_KIND_CLIENT = 3n
const STATUS_UNSET = 0n
const STATUS_ERROR = 2n
/** Attribute strings are capped so a huge tool result cannot bloat the trace. */
const MAX_ATTRIBUTE_CHARS = 8192

export function otelTraceId(runId: string): string {
  return sha256HexOfText(`opentine.otel.trace.v1\u0000${runId}`).slice(0, 32)
}

export function otelSpanId(runId: string, stepId: string): string {
  return sha256HexOfText(`opentine.otel.span.v1\u0000${runId}\u0000${stepId}`).slice(0, 16)
}

/** Unix seconds (float) to a nanosecond string, at microsecond precision (all a double holds here). */
function nanos(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0'
  return (BigInt(Math.round(seconds * 1e6)) * 1000n).toString()
}

function clip(text: string): string {
  return text.length > MAX_ATTRIBUTE_CHARS ? `${text.slice(0, MAX_ATTRIBUTE_CHARS)}…` : text
}

function asText(value: JsonValue, preferred: string): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value[preferred] === 'string')
    return value[preferred] as string
  return canonicalString(value)
}

function stringAttribute(key: string, value: string): JsonObject {
  return obj({ key, value: obj({ stringValue: clip(value) }) })
}

function intAttribute(key: string, value: number): JsonObject {
  return obj({ key, value: obj({ intValue: String(Math.trunc(value)) }) })
}

function isToolStep(step: Step): boolean {
  return step.kind === 'tool'
}

function toolName(step: Step): string {
  const fromInfo = step.toolInfo.name
  if (typeof fromInfo === 'string' && fromInfo) return fromInfo
  return typeof step.inputs.name === 'string' ? step.inputs.name : ''
}

function spanName(step: Step): string {
  if (isToolStep(step)) {
    const name = toolName(step)
    return name ? `execute_tool ${name}` : 'execute_tool'
  }
  return step.modelInfo ? `chat ${step.modelInfo}` : step.kind
}

/** Error steps, and any step that recorded an error (a tool that raised), are failed spans. */
function failed(step: Step): boolean {
  return step.kind === 'error' || Object.keys(step.error).length > 0
}

function errorMessage(step: Step): string {
  const message = step.error.message
  const type = step.error.type
  if (typeof message === 'string' && message) return typeof type === 'string' && type ? `${type}: ${message}` : message
  if (typeof step.inputs.text === 'string') return step.inputs.text
  return typeof type === 'string' ? type : 'error'
}

function spanOf(run: Run, step: Step, traceId: string): JsonObject {
  const tool = isToolStep(step)
  const attributes: JsonObject[] = [
    stringAttribute('gen_ai.operation.name', tool ? 'execute_tool' : 'chat'),
    stringAttribute('opentine.run_id', run.id),
    stringAttribute('opentine.step_id', step.id),
    stringAttribute('opentine.kind', step.kind),
    stringAttribute('gen_ai.prompt', asText(step.inputs, 'text')),
    stringAttribute('gen_ai.completion', asText(step.outputs, tool ? 'result' : 'text')),
    stringAttribute('opentine.cost_usd', String(stepCost(step)))
  ]
  if (step.modelInfo) attributes.push(stringAttribute('gen_ai.request.model', step.modelInfo))
  if (step.provider) attributes.push(stringAttribute('gen_ai.system', step.provider))
  if (tool && toolName(step)) attributes.push(stringAttribute('gen_ai.tool.name', toolName(step)))
  if (step.usage) {
    const tokens = stepTokens(step)
    attributes.push(
      intAttribute('gen_ai.usage.input_tokens', tokens.input),
      intAttribute('gen_ai.usage.output_tokens', tokens.output)
    )
  }
  if (step.billing) attributes.push(stringAttribute('opentine.billing', canonicalString(step.billing)))

  const span = obj({
    traceId,
    spanId: otelSpanId(run.id, step.id),
    name: spanName(step),
    kind: SPAN_KIND_CLIENT,
    startTimeUnixNano: nanos(step.timestamp),
    endTimeUnixNano: nanos(step.timestamp + step.duration),
    attributes,
    status: failed(step) ? obj({ code: STATUS_ERROR, message: clip(errorMessage(step)) }) : obj({ code: STATUS_UNSET })
  })
  // The primary parent is the span parent; other parents and causal edges become links.
  const primary = step.parentIds[step.parentIds.length - 1]
  if (primary !== undefined) span.parentSpanId = otelSpanId(run.id, primary)
  const linked = [...step.parentIds.slice(0, -1), ...(step.causalIds ?? [])].filter(
    (id, index, all) => id !== primary && all.indexOf(id) === index
  )
  if (linked.length) {
    span.links = linked.map((id) =>
      obj({
        traceId,
        spanId: otelSpanId(run.id, id),
        attributes: [stringAttribute('opentine.link', step.causalIds?.includes(id) ? 'causal' : 'parent')]
      })
    )
  }
  return span
}

export function runToOtelJson(run: Run, options: OtelOptions): JsonObject {
  const traceId = otelTraceId(run.id)
  const spans = run.steps.map((step) => spanOf(run, step, traceId))
  return obj({
    resourceSpans: [
      obj({
        resource: obj({ attributes: [stringAttribute('service.name', options.serviceName)] }),
        scopeSpans: [obj({ scope: obj({ name: 'opentine', version: options.version }), spans })]
      })
    ]
  })
}
