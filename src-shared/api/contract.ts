/**
 * The one API contract between the main side and the renderer: channel names, request schemas
 * (validated at runtime on the main side, because the renderer is untrusted), response types,
 * and the push channel. Electron IPC and the browser-mode HTTP server both serve exactly this.
 */
import { z } from 'zod'
import type { FolderEvent, FolderSnapshot, RunView, StepDetail } from './types'

const filePath = z.string().min(1).max(4096)

export const requestSchemas = {
  /** Opens folders or single .tine files the user chose (arguments, menu, drag and drop, typed path). */
  'folders.open': z.object({ paths: z.array(filePath).min(1).max(64) }).strict(),
  'folders.list': z.object({}).strict(),
  'folders.close': z.object({ folder: filePath }).strict(),
  /** The structure of a run; payloads come per step. Confined to opened folders. */
  'runs.load': z.object({ file: filePath }).strict(),
  'runs.step': z.object({ file: filePath, stepId: z.string().min(1).max(512) }).strict(),
  'app.info': z.object({}).strict()
} as const

export type Channel = keyof typeof requestSchemas
export const CHANNELS = Object.keys(requestSchemas) as Channel[]

export interface AppInfo {
  version: string
  mode: 'electron' | 'browser'
  platform: string
}

export interface ResponseTypes {
  'folders.open': FolderSnapshot[]
  'folders.list': FolderSnapshot[]
  'folders.close': FolderSnapshot[]
  'runs.load': RunView
  'runs.step': StepDetail
  'app.info': AppInfo
}

export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>
export type ResponseOf<C extends Channel> = ResponseTypes[C]

/** The push channel from main to renderer. */
export const PUSH_CHANNEL = 'folders.event'
export type PushEvent = FolderEvent

/** What the renderer calls: one method per channel, plus the push subscription. */
export interface TineApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: PushEvent) => void): () => void
}

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Validates a request from the renderer; throws ApiError('bad-request') naming the problem. */
export function parseRequest<C extends Channel>(channel: string, payload: unknown): { channel: C; request: RequestOf<C> } {
  if (!(CHANNELS as string[]).includes(channel)) throw new ApiError('unknown-channel', `unknown channel ${JSON.stringify(channel).slice(0, 80)}`)
  const result = requestSchemas[channel as C].safeParse(payload ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ApiError('bad-request', `${channel}: ${issue.path.join('.') || 'request'}: ${issue.message}`)
  }
  return { channel: channel as C, request: result.data as RequestOf<C> }
}
