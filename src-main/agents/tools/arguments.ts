/** Tool arguments arrive in the core's value model (ints as bigint); zod checks them. */
import type { z } from 'zod'
import { toPlain, type JsonObject } from '../../../src-shared/tine/json-value'
import { ToolError } from './scope'

export function parseToolArgs<T>(schema: z.ZodType<T>, args: JsonObject, toolName: string): T {
  const result = schema.safeParse(toPlain(args))
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue.path.length ? `"${issue.path.join('.')}": ` : ''
  throw new ToolError(`bad arguments for ${toolName}: ${where}${issue.message}`)
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ToolError('cancelled')
}
