/**
 * Running one tool call: argument validation against the tool's JSON schema (through zod's
 * JSON-schema reader), a timeout, and an outcome the loop records. Cancellation and budget
 * stops are not outcomes: they propagate as the signal's StopReason.
 */
import { z } from 'zod'
import { fromPlain, toPlain, type JsonObject, type JsonValue } from '../tine/json-value'
import { childController, raceWithSignal, stopReasonOf, StopReason } from './abort'
import type { Tool, ToolSpec } from './types'
import { firstLineOf } from '../tine/errors'

export const DEFAULT_TOOL_TIMEOUT_MS = 120_000

export interface ToolFailure {
  type: 'UnknownTool' | 'InvalidArguments' | 'InvalidToolSchema' | 'ToolTimeout' | string
  message: string
}

export type ToolOutcome = { ok: true; result: JsonValue } | { ok: false; error: ToolFailure }

const compiledSchemas = new WeakMap<Tool, z.ZodType>()

function schemaOf(tool: Tool): z.ZodType {
  let schema = compiledSchemas.get(tool)
  if (!schema) {
    schema = z.fromJSONSchema(tool.parameters as Parameters<typeof z.fromJSONSchema>[0])
    compiledSchemas.set(tool, schema)
  }
  return schema
}

/** null when the arguments fit the tool's schema, else a failure naming every problem. */
export function checkArguments(tool: Tool, args: JsonObject): ToolFailure | null {
  let schema: z.ZodType
  try {
    schema = schemaOf(tool)
  } catch (error) {
    return {
      type: 'InvalidToolSchema',
      message: `tool ${tool.name} has a parameters schema that cannot be read: ${firstLineOf(error)}`
    }
  }
  const result = schema.safeParse(toPlain(args))
  if (result.success) return null
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : 'arguments'}: ${issue.message}`
  )
  return { type: 'InvalidArguments', message: `invalid arguments for ${tool.name}: ${problems.join('; ')}` }
}

export function toolSpecOf(tool: Tool): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: tool.parameters }
}

function errorType(error: unknown): string {
  return error instanceof Error && error.name ? error.name : 'Error'
}

/**
 * Validates and runs a call. `signal` is the loop's: when it aborts (cancel, budget), this
 * rejects with its StopReason. The tool's own timeout becomes a ToolTimeout failure.
 */
export async function runTool(
  tool: Tool,
  args: JsonObject,
  options: { signal: AbortSignal; idempotencyKey?: string; defaultTimeoutMs?: number }
): Promise<ToolOutcome> {
  const invalid = checkArguments(tool, args)
  if (invalid) return { ok: false, error: invalid }
  const timeoutMs = tool.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS
  const { controller, dispose } = childController(
    options.signal,
    timeoutMs,
    () => new StopReason('timeout', `tool ${tool.name} timed out after ${timeoutMs} ms`)
  )
  try {
    const context =
      options.idempotencyKey === undefined
        ? { signal: controller.signal }
        : { signal: controller.signal, idempotencyKey: options.idempotencyKey }
    const result = await raceWithSignal(
      Promise.resolve().then(() => tool.run(args, context)),
      controller.signal
    )
    return { ok: true, result: fromPlain(result) }
  } catch (error) {
    const outer = stopReasonOf(options.signal)
    if (outer) throw outer
    const own = stopReasonOf(controller.signal)
    if (own?.kind === 'timeout') return { ok: false, error: { type: 'ToolTimeout', message: own.message } }
    return { ok: false, error: { type: errorType(error), message: firstLineOf(error) } }
  } finally {
    dispose()
  }
}
