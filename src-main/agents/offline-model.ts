/**
 * The built-in offline scripted model: provider "offline", model "offline-scripted-1". It calls
 * no network and has no intelligence. It plays a script: turn N of the script answers the request
 * that already holds N assistant messages, so the same request always gets the same answer and
 * the example agent and the tests run without a key. Every text it writes says it is scripted.
 */
import { fromPlain, isObject, type JsonObject, type JsonValue } from '../../src-shared/tine/json-value'
import type { ChatMessage, ModelProvider, ModelRequest, ModelResponse } from '../../src-shared/agents/types'

export const OFFLINE_PROVIDER = 'offline'
export const OFFLINE_MODEL = 'offline-scripted-1'
export const OFFLINE_LABEL = '[offline scripted model]'
/** The longest per-step delay accepted (a minute). */
export const MAX_OFFLINE_STEP_DELAY_MS = 60_000

/** One scripted answer: text, tool calls, or both. */
export interface ScriptTurn {
  text?: string
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> | JsonObject }>
}

/** A turn, or a function of the request that decides it (still deterministic: same request, same turn). */
export type ScriptEntry = ScriptTurn | ((request: ModelRequest) => ScriptTurn)

export interface OfflineModelOptions {
  script?: ScriptEntry[]
  /** Answer used once the script is exhausted. */
  finalText?: string
  /** Milliseconds each answer waits before it comes (a human pace); 0 answers at once. Aborts with the request. */
  stepDelayMs?: number
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function assistantTurns(request: ModelRequest): number {
  return request.messages.filter((message) => message.role === 'assistant').length
}

/** A rough, deterministic token count: four characters a token. */
function tokens(text: string): number {
  return Math.ceil(text.length / 4)
}

export class OfflineScriptedModel implements ModelProvider {
  readonly provider = OFFLINE_PROVIDER
  readonly model = OFFLINE_MODEL
  private readonly script: ScriptEntry[]
  private readonly finalText: string
  private readonly stepDelayMs: number

  constructor(options: OfflineModelOptions = {}) {
    this.script = options.script ?? exampleAgentScript()
    this.finalText = options.finalText ?? `${OFFLINE_LABEL} The script is finished.`
    this.stepDelayMs = Math.min(MAX_OFFLINE_STEP_DELAY_MS, Math.max(0, Math.floor(options.stepDelayMs ?? 0)))
  }

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    if (options.signal.aborted) throw options.signal.reason
    if (this.stepDelayMs > 0) await pause(this.stepDelayMs, options.signal)
    const index = assistantTurns(request)
    const entry = this.script[index]
    const turn: ScriptTurn =
      entry === undefined ? { text: this.finalText } : typeof entry === 'function' ? entry(request) : entry
    const toolCalls = (turn.toolCalls ?? []).map((call, position) => ({
      id: `offline_${index}_${position}`,
      name: call.name,
      arguments: fromPlain(call.arguments) as JsonObject
    }))
    const text = turn.text ?? ''
    const promptText = request.system + request.messages.map((message) => message.content).join('\n')
    return {
      text,
      toolCalls,
      usage: { input: tokens(promptText), output: tokens(text + JSON.stringify(toolCalls.map((call) => call.name))) },
      cost: 0,
      stopReason: toolCalls.length ? 'tool_use' : 'end_turn'
    }
  }
}

/** Names of the example agent's built-in tools (read-only, scoped to a folder). */
export interface ExampleToolNames {
  listFiles: string
  readFile: string
  searchText: string
}

export const EXAMPLE_TOOL_NAMES: ExampleToolNames = {
  listFiles: 'list_files',
  readFile: 'read_file',
  searchText: 'search_text'
}

function lastToolResult(request: ModelRequest, name: string): JsonValue | undefined {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]
    if (message.role === 'tool' && message.name === name) return parseContent(message)
  }
  return undefined
}

function parseContent(message: Extract<ChatMessage, { role: 'tool' }>): JsonValue {
  try {
    return fromPlain(JSON.parse(message.content))
  } catch {
    return message.content
  }
}

const LIST_FIELDS = ['entries', 'files', 'items']

/** The file paths a listing names: plain strings, or entries with a path/name whose type (if any) is a file. */
function filesIn(listing: JsonValue | undefined): string[] {
  const found: string[] = []
  const visit = (value: JsonValue | undefined) => {
    if (typeof value === 'string') {
      if (!value.endsWith('/') && !value.startsWith('Error:')) found.push(value)
      return
    }
    if (Array.isArray(value)) {
      value.forEach(visit)
      return
    }
    if (!isObject(value)) return
    const list = LIST_FIELDS.map((field) => value[field]).find(Array.isArray)
    if (list) {
      visit(list)
      return
    }
    const path = typeof value.path === 'string' ? value.path : typeof value.name === 'string' ? value.name : undefined
    const type = typeof value.type === 'string' ? value.type : 'file'
    if (path !== undefined && type === 'file' && !path.endsWith('/')) found.push(path)
  }
  visit(listing)
  return found
}

function textOf(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value
  if (isObject(value))
    for (const key of ['content', 'text', 'data']) if (typeof value[key] === 'string') return value[key] as string
  return ''
}

function countMatches(value: JsonValue | undefined): number {
  if (Array.isArray(value)) return value.length
  if (isObject(value)) {
    for (const key of ['matches', 'results', 'hits']) {
      const list = value[key]
      if (Array.isArray(list)) return list.length
    }
    if (typeof value.count === 'bigint' || typeof value.count === 'number') return Number(value.count)
  }
  return 0
}

/** The search term: the first word of five letters or more in the file that was read, else "TODO". */
function searchTerm(request: ModelRequest, names: ExampleToolNames): string {
  const content = textOf(lastToolResult(request, names.readFile))
  return /[A-Za-z]{5,}/.exec(content)?.[0] ?? 'TODO'
}

/**
 * The example agent: list the folder, read the first file it lists, search for a word from
 * that file, then write a short summary of what it saw.
 */
export function exampleAgentScript(names: ExampleToolNames = EXAMPLE_TOOL_NAMES): ScriptEntry[] {
  return [
    { toolCalls: [{ name: names.listFiles, arguments: { path: '.' } }] },
    (request) => {
      const first = filesIn(lastToolResult(request, names.listFiles))[0]
      return first === undefined
        ? { text: `${OFFLINE_LABEL} The folder has no files to read.` }
        : {
            text: `${OFFLINE_LABEL} Reading ${first}.`,
            toolCalls: [{ name: names.readFile, arguments: { path: first } }]
          }
    },
    (request) => ({ toolCalls: [{ name: names.searchText, arguments: { query: searchTerm(request, names) } }] }),
    (request) => {
      const files = filesIn(lastToolResult(request, names.listFiles))
      const content = textOf(lastToolResult(request, names.readFile))
      const lines = content ? content.split('\n').length : 0
      const term = searchTerm(request, names)
      const matches = countMatches(lastToolResult(request, names.searchText))
      return {
        text: `${OFFLINE_LABEL} Summary: the folder lists ${files.length} file(s); ${files[0] ?? 'no file'} has ${lines} line(s); searching for "${term}" found ${matches} match(es).`
      }
    }
  ]
}
