/**
 * Tool-call arguments arrive as JSON text streamed in pieces. They are parsed with the core's
 * own parser, so `1.0` stays a float and `1` an int (spec 6.1) and the semantic key of a
 * replayed call matches the recorded one exactly.
 */
import { parseArtifactText } from '../../../src-shared/tine/parse'
import { isObject, newObject, type JsonObject } from '../../../src-shared/tine/json-value'
import { ProviderError } from './errors'

export function parseToolArguments(raw: string, toolName: string, label: string): JsonObject {
  if (raw.trim() === '') return newObject()
  let value
  try {
    value = parseArtifactText(raw)
  } catch (error) {
    throw new ProviderError(
      'bad-response',
      `${label} sent arguments for tool "${toolName}" that are not valid JSON: ${(error as Error).message}`
    )
  }
  if (!isObject(value))
    throw new ProviderError('bad-response', `${label} sent arguments for tool "${toolName}" that are not a JSON object`)
  return value
}
