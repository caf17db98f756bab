/**
 * opentine's on-disk spelling (spec §1): Python `json.dumps(doc, indent=2, sort_keys=True)`,
 * ASCII-escaped, no trailing newline.
 */
import { encodeString, formatFloat, sortedKeys } from './canonical'
import { TineError } from './errors'
import { isObject, type JsonValue } from './json-value'

function write(value: JsonValue, indent: string, parts: string[]): void {
  switch (typeof value) {
    case 'string':
      parts.push(encodeString(value))
      return
    case 'number':
      parts.push(formatFloat(value))
      return
    case 'bigint':
      parts.push(value.toString())
      return
    case 'boolean':
      parts.push(value ? 'true' : 'false')
      return
    case 'object': {
      if (value === null) {
        parts.push('null')
        return
      }
      const inner = indent + '  '
      if (Array.isArray(value)) {
        if (value.length === 0) {
          parts.push('[]')
          return
        }
        parts.push('[\n' + inner)
        value.forEach((item, i) => {
          if (i) parts.push(',\n' + inner)
          write(item, inner, parts)
        })
        parts.push('\n' + indent + ']')
        return
      }
      if (isObject(value)) {
        const entries: [string, JsonValue][] = []
        for (const key of sortedKeys(value)) {
          const item = value[key]
          if (item !== undefined) entries.push([key, item])
        }
        if (entries.length === 0) {
          parts.push('{}')
          return
        }
        parts.push('{\n' + inner)
        entries.forEach(([key, item], i) => {
          if (i) parts.push(',\n' + inner)
          parts.push(encodeString(key) + ': ')
          write(item, inner, parts)
        })
        parts.push('\n' + indent + '}')
        return
      }
    }
  }
  throw new TineError('canon.not-json', `not a JSON value: ${typeof value}`)
}

/** The pretty-printed document text, byte-identical to opentine's writer. */
export function prettyJson(value: JsonValue): string {
  const parts: string[] = []
  write(value, '', parts)
  return parts.join('')
}
