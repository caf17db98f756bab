/**
 * Where a run stopped (between turns, after tool results, or inside a tool: the three points where
 * a process can die), read from its transcript and metadata. Pure analysis: the loop decides what to do with the answer.
 *
 * 1. between turns: the transcript ends with the user turn, or with a model turn that has no
 *    tool calls → ask the model (again);
 * 2. after tool results: the last model turn's tool calls all have results → ask the model with
 *    them; some have results and none was in flight → run the rest first;
 * 3. inside a tool: metadata.pending_tool names a call with no recorded result.
 */
import { isObject, str, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Run } from '../run/run'
import { messagesFromTranscript, toolCallFromJson } from './transcript'
import { NEEDS_REVIEW_KEY, PENDING_TOOL_KEY, type ChatMessage, type ToolCall } from './types'

export type ResumePoint =
  /** A side-effect tool without an idempotency key may have run: a person must decide. */
  | { kind: 'needs-review'; crashPoint: 3; call: ToolCall; reason: string; remaining: ToolCall[] }
  /** Crash point 3: `call` started and left no result. `remaining` = calls of the batch still to run after it. */
  | { kind: 'inside-tool'; crashPoint: 3; call: ToolCall; idempotencyKey?: string; remaining: ToolCall[] }
  /** The last model turn's calls that have no result yet; none of them was in flight. */
  | { kind: 'unfinished-tool-calls'; crashPoint: 2; remaining: ToolCall[] }
  | { kind: 'after-tool-results'; crashPoint: 2 }
  | { kind: 'after-user-turn'; crashPoint: 1 }
  /** `final`: the model turn was the run's answer (a done step), so there is nothing to ask. */
  | { kind: 'after-model-turn'; crashPoint: 1; final: boolean }
  | { kind: 'empty'; crashPoint: null }

export interface ResumeAnalysis {
  point: ResumePoint
  messages: ChatMessage[]
}

/** metadata.pending_tool = {call: {id, name, arguments}, idempotency_key?} */
export function pendingToolOf(metadata: JsonObject): { call: ToolCall; idempotencyKey?: string } | undefined {
  const pending = metadata[PENDING_TOOL_KEY]
  if (!isObject(pending)) return undefined
  const call = toolCallFromJson(pending.call ?? null)
  if (!call) return undefined
  const key = pending.idempotency_key
  return typeof key === 'string' ? { call, idempotencyKey: key } : { call }
}

/** metadata.needs_review = {call: {id, name, arguments}, reason} */
export function needsReviewOf(metadata: JsonObject): { call: ToolCall; reason: string } | undefined {
  const review = metadata[NEEDS_REVIEW_KEY]
  if (!isObject(review)) return undefined
  const call = toolCallFromJson(review.call ?? null)
  return call ? { call, reason: str(review.reason) } : undefined
}

function lastAssistantIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'assistant') return i
  return -1
}

function stepKindOfTurn(run: Run, transcript: readonly JsonValue[]): string | undefined {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const turn = transcript[i]
    if (isObject(turn) && turn.role === 'assistant')
      return typeof turn.step_id === 'string' ? run.getStep(turn.step_id)?.kind : undefined
  }
  return undefined
}

export function analyzeResumePoint(run: Run): ResumeAnalysis {
  const messages = messagesFromTranscript(run.transcript)
  const last = messages[messages.length - 1]
  const assistantAt = lastAssistantIndex(messages)
  const batch =
    assistantAt >= 0 ? ((messages[assistantAt] as Extract<ChatMessage, { role: 'assistant' }>).toolCalls ?? []) : []
  const answered = new Set<string>()
  for (let i = assistantAt + 1; i < messages.length; i++) {
    const message = messages[i]
    if (message.role === 'tool') answered.add(message.toolCallId)
  }
  // A user turn after the batch means the batch was closed (opentine refuses that shape; we tolerate it).
  const closedByUser = assistantAt >= 0 && messages.slice(assistantAt + 1).some((message) => message.role === 'user')
  const remaining = closedByUser ? [] : batch.filter((call) => !answered.has(call.id))

  const review = needsReviewOf(run.metadata)
  if (review) {
    const rest = remaining.filter((call) => call.id !== review.call.id)
    return {
      messages,
      point: { kind: 'needs-review', crashPoint: 3, call: review.call, reason: review.reason, remaining: rest }
    }
  }
  const pending = pendingToolOf(run.metadata)
  if (pending && remaining.some((call) => call.id === pending.call.id)) {
    const rest = remaining.filter((call) => call.id !== pending.call.id)
    const point: ResumePoint = { kind: 'inside-tool', crashPoint: 3, call: pending.call, remaining: rest }
    if (pending.idempotencyKey !== undefined) point.idempotencyKey = pending.idempotencyKey
    return { messages, point }
  }
  if (remaining.length) return { messages, point: { kind: 'unfinished-tool-calls', crashPoint: 2, remaining } }
  if (!last) return { messages, point: { kind: 'empty', crashPoint: null } }
  if (last.role === 'user') return { messages, point: { kind: 'after-user-turn', crashPoint: 1 } }
  if (last.role === 'tool') return { messages, point: { kind: 'after-tool-results', crashPoint: 2 } }
  return {
    messages,
    point: { kind: 'after-model-turn', crashPoint: 1, final: stepKindOfTurn(run, run.transcript) === 'done' }
  }
}
