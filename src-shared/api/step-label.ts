/**
 * The one-line label of a graph node: `name(k=v, …)` for tool steps, the error message for error
 * steps, else the first words of the step's text. Labels are built for every step of a run that may
 * hold 100,000 steps, so nothing here walks more of a payload than the label can show.
 */
import { isObject, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Step } from '../run/types'

export const LABEL_WIDTH = 80

/** Collapses whitespace and cuts to `width` characters, marking the cut with an ellipsis. */
export function clipText(text: string, width = LABEL_WIDTH): string {
  // Only the head matters: flattening a megabyte of text to show 80 characters would be waste.
  const head = text.length > width * 4 ? text.slice(0, width * 4) : text
  const flat = head.replace(/\s+/g, ' ').trim()
  if (flat.length > width) return flat.slice(0, width - 1) + '…'
  return head.length < text.length ? flat + '…' : flat
}

/** Compact JSON-like text of a value, stopping once `budget` characters are produced. */
export function shortValue(value: JsonValue | undefined, budget = LABEL_WIDTH): string {
  const out: string[] = []
  let used = 0
  const emit = (text: string) => {
    out.push(text)
    used += text.length
  }
  const walk = (item: JsonValue | undefined): void => {
    if (used > budget) return
    if (item === undefined || item === null) emit('null')
    else if (typeof item === 'string') emit(JSON.stringify(item.length > budget ? item.slice(0, budget) : item))
    else if (typeof item === 'bigint' || typeof item === 'number' || typeof item === 'boolean') emit(String(item))
    else if (Array.isArray(item)) {
      emit('[')
      for (let i = 0; i < item.length && used <= budget; i++) {
        if (i) emit(',')
        walk(item[i])
      }
      emit(']')
    } else {
      emit('{')
      let first = true
      for (const key of Object.keys(item)) {
        if (used > budget) break
        if (!first) emit(',')
        first = false
        emit(JSON.stringify(key) + ':')
        walk(item[key])
      }
      emit('}')
    }
  }
  walk(value)
  return out.join('')
}

function stringOf(record: JsonObject, key: string): string | null {
  const value = record[key]
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

export function toolName(step: Step): string {
  return stringOf(step.toolInfo, 'name') ?? stringOf(step.inputs, 'name') ?? 'tool'
}

function toolLabel(step: Step, width: number): string {
  const args: JsonObject | null = isObject(step.inputs.arguments) ? step.inputs.arguments : null
  const parts: string[] = []
  let length = 0
  if (args) {
    for (const key of Object.keys(args)) {
      if (length > width) break
      const part = `${key}=${shortValue(args[key], width)}`
      parts.push(part)
      length += part.length + 2
    }
  } else if (step.inputs.arguments !== undefined) {
    parts.push(shortValue(step.inputs.arguments, width))
  }
  return clipText(`${toolName(step)}(${parts.join(', ')})`, width)
}

/** The error's own words: `message`, else `type`, else the compact error object. */
export function errorText(error: JsonObject): string | null {
  const message = stringOf(error, 'message')
  if (message) return message
  const type = stringOf(error, 'type')
  if (type) return type
  return Object.keys(error).length ? shortValue(error) : null
}

export function stepLabel(step: Step, width = LABEL_WIDTH): string {
  if (step.kind === 'error') {
    const message = errorText(step.error) ?? stringOf(step.inputs, 'text') ?? stringOf(step.outputs, 'text')
    return message ? clipText(message, width) : 'error'
  }
  if (step.kind === 'tool') return toolLabel(step, width)
  const text = stringOf(step.inputs, 'text') ?? stringOf(step.outputs, 'text') ?? stringOf(step.inputs, 'prompt')
  if (text) return clipText(text, width)
  const toolCalls = step.outputs.tool_calls
  if (Array.isArray(toolCalls) && toolCalls.length) {
    const names = toolCalls.map((call) => (isObject(call) && typeof call.name === 'string' ? call.name : '?'))
    return clipText(`calls ${names.join(', ')}`, width)
  }
  const message = errorText(step.error)
  if (message) return clipText(message, width)
  return step.kind
}
