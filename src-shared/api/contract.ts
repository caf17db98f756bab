/**
 * The one API contract between the main side and the renderer: channel names, request schemas
 * (validated at runtime on the main side, because the renderer is untrusted), response types,
 * and the push channel. Electron IPC and the browser-mode HTTP server both serve exactly this.
 */
import { z } from 'zod'
import type { DiffView } from '../run/diff-view-model'
import type { LineageNode } from '../run/lineage'
import type { StepPairDetail } from '../run/step-delta'
import type { FolderEvent, FolderSnapshot, RunView, StepDetail } from './types'
import type { ForkResultView, SignatureCheckView, WriteResultView } from './action-types'

const filePath = z.string().min(1).max(4096)

export const requestSchemas = {
  /** Opens folders or single .tine files the user chose (arguments, menu, drag and drop, typed path). */
  'folders.open': z.object({ paths: z.array(filePath).min(1).max(64) }).strict(),
  'folders.list': z.object({}).strict(),
  'folders.close': z.object({ folder: filePath }).strict(),
  /** The structure of a run; payloads come per step. Confined to opened folders. */
  'runs.load': z.object({ file: filePath }).strict(),
  'runs.step': z.object({ file: filePath, stepId: z.string().min(1).max(512) }).strict(),
  'app.info': z.object({}).strict(),
  /**
   * Fork a run at a step (issue 4). 'before' = retry the step (its parent is the new tip),
   * 'after' = branch after it (the step is kept). Written atomically beside the source;
   * never overwrites: the same step forked twice gives two runs.
   */
  'runs.fork': z
    .object({
      file: filePath,
      stepId: z.string().min(1).max(512),
      mode: z.enum(['before', 'after']),
      branch: z.string().trim().min(1).max(200).regex(/^[^\s]+$/, 'no spaces in a branch name').optional(),
      reason: z.string().max(4000).optional()
    })
    .strict(),
  /**
   * Pause or resume. The file is reloaded from disk first; when it changed since `expected`
   * (what the renderer loaded), nothing is written and the answer is a conflict describing
   * the change, unless `overwriteChanges` is set after the user saw that description.
   */
  'runs.setStatus': z
    .object({
      file: filePath,
      status: z.enum(['paused', 'running']),
      expected: z.object({ mtimeMs: z.number(), size: z.number().int().nonnegative() }).strict(),
      overwriteChanges: z.boolean().optional()
    })
    .strict(),
  /** Side-by-side diff of two runs (spec 15 pairing), or pairing by actions only. */
  'runs.diff': z.object({ fileA: filePath, fileB: filePath, actionsOnly: z.boolean().optional() }).strict(),
  /** Field-by-field detail of one step pair (either side may be null for a one-sided step). */
  'runs.stepPair': z
    .object({ fileA: filePath, stepA: z.string().max(512).nullable(), fileB: filePath, stepB: z.string().max(512).nullable() })
    .strict(),
  /** Fork families across the open folders, through forked_from links. */
  'runs.lineage': z.object({}).strict(),
  /** Verify a run's signature with a key the user typed: HMAC key text, or an Ed25519 public key in hex. */
  'runs.verifySignature': z
    .object({
      file: filePath,
      hmacKey: z.string().min(1).max(4096).optional(),
      ed25519PublicKeyHex: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters').optional(),
      trustEmbeddedKey: z.boolean().optional()
    })
    .strict()
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
  'runs.fork': ForkResultView
  'runs.setStatus': WriteResultView
  'runs.diff': DiffView
  'runs.stepPair': StepPairDetail
  'runs.lineage': LineageNode[]
  'runs.verifySignature': SignatureCheckView
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
