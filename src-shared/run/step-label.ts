/**
 * The one-line label of a graph node: `name(k=v, …)` for tool steps, the error message for error
 * steps, else the first words of the step's own text (what a think/done/model turn said, falling
 * back to the text it was given). Labels are built for every step of a run that may
 * hold 100,000 steps, so nothing here walks more of a payload than the label can show.
 */
import { isObject, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Step } from './types'

export const LABEL_WIDTH = 80

const NEEDS_FLATTENING = /[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|^ | $/

/** Collapses whitespace and cuts to `width` characters, marking the cut with an ellipsis. */
export function clipText(text: string, width = LABEL_WIDTH): string {
  // The common case (a short, tidy line) is returned as it is, without building a new string.
  if (text.length <= width && !NEEDS_FLATTENING.test(text)) return text
  // Only the head matters: flattening a megabyte of text to show 80 characters would be waste.
  const head = text.length > width * 4 ? text.slice(0, width * 4) : text
  const flat = head.replace(/\s+/g, ' ').trim()
  if (flat.length > width) return flat.slice(0, width - 1) + '…'
  return head.length < text.length ? flat + '…' : flat
}

/** Appends compact JSON-like text of `value` to `out`; returns the new length, stopping past `budget`. */
function appendShort(value: JsonValue | undefined, out: string[], used: number, budget: number): number {
  if (used > budget) return used
  let text: string
  if (value === undefined || value === null) text = 'null'
  else if (typeof value === 'string') text = JSON.stringify(value.length > budget ? value.slice(0, budget) : value)
  else if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') text = String(value)
  else if (Array.isArray(value)) {
    out.push('[')
    used++
    for (let i = 0; i < value.length && used <= budget; i++) {
      if (i) {
        out.push(',')
        used++
      }
      used = appendShort(value[i], out, used, budget)
    }
    out.push(']')
    return used + 1
  } else {
    out.push('{')
    used++
    let first = true
    for (const key in value) {
      if (used > budget) break
      const prefix = (first ? '' : ',') + JSON.stringify(key) + ':'
      first = false
      out.push(prefix)
      used = appendShort(value[key], out, used + prefix.length, budget)
    }
    out.push('}')
    return used + 1
  }
  out.push(text)
  return used + text.length
}

/** Compact JSON-like text of a value, stopping once about `budget` characters are produced. */
export function shortValue(value: JsonValue | undefined, budget = LABEL_WIDTH): string {
  if (typeof value === 'string') return JSON.stringify(value.length > budget ? value.slice(0, budget) : value)
  const out: string[] = []
  appendShort(value, out, 0, budget)
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
  const args = step.inputs.arguments
  let text = toolName(step) + '('
  if (isObject(args)) {
    let first = true
    for (const key in args) {
      if (text.length > width) break
      text += (first ? '' : ', ') + key + '=' + shortValue(args[key], width)
      first = false
    }
  } else if (args !== undefined) {
    text += shortValue(args, width)
  }
  return clipText(text + ')', width)
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
  // A model turn's own words are what it said; its inputs hold what it was sent ("tool results: …").
  const ownText = stringOf(step.outputs, 'text')
  if (ownText) return clipText(ownText, width)
  const toolCalls = step.outputs.tool_calls
  if (Array.isArray(toolCalls) && toolCalls.length) {
    const names = toolCalls.map((call) => (isObject(call) && typeof call.name === 'string' ? call.name : '?'))
    return clipText(`calls ${names.join(', ')}`, width)
  }
  const text = stringOf(step.inputs, 'text') ?? stringOf(step.inputs, 'prompt')
  if (text) return clipText(text, width)
  const message = errorText(step.error)
  if (message) return clipText(message, width)
  return step.kind
}
