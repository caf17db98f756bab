/**
 * The one API contract between the main side and the renderer: channel names, request schemas
 * (validated at runtime on the main side, because the renderer is untrusted), response types,
 * and the push channel. Electron IPC and the browser-mode HTTP server both serve exactly this.
 */
import { z } from 'zod'
import { ApiError } from './api-error'
import type { DiffView } from '../run/diff/diff-view-model'
import type { LineageNode } from '../run/lineage'
import type { StepPairDetail } from '../run/diff/step-delta'
import type { FolderSnapshot, RunListItem, RunView, StepDetail, StepSummary, TrustView } from './types'
import type { ForkResultView, SignatureCheckView, WriteResultView } from './action-types'
import type { ActiveRunView, AgentCatalog, AgentStartedView, ContinueInfoView, EditResultView } from './agent-types'

const filePath = z.string().min(1).max(4096)
/** The offline model's pace: milliseconds each model step waits (at most a minute). */
const stepDelayMs = z.number().int().min(0).max(60_000)
const budget = z
  .object({
    maxCost: z.number().positive().optional(),
    maxSteps: z.number().int().positive().optional(),
    maxDuration: z.number().positive().optional()
  })
  .strict()
/** A dropped file of up to 96 MiB, as base64 (about 10x opentine's 10 MiB ceiling). */
export const IMPORT_BASE64_LIMIT = Math.ceil((96 * 1024 * 1024) / 3) * 4

export const requestSchemas = {
  /** Opens folders or single .tine files the user chose (arguments, menu, drag and drop, typed path). */
  /** confirmBroad: the user confirmed a folder that is the root, above their home or a system folder. */
  'folders.open': z.object({ paths: z.array(filePath).min(1).max(64), confirmBroad: z.boolean().optional() }).strict(),
  'folders.list': z.object({}).strict(),
  'folders.close': z.object({ folder: filePath }).strict(),
  /** The structure of a run; payloads come per step. Confined to opened folders. */
  'runs.load': z.object({ file: filePath }).strict(),
  /**
   * The trust of the version `runs.load` served (its mtimeMs and size) once the digest is known: a
   * big run's view comes while its digest is still checked ("checking"). Null when the file changed since.
   */
  'runs.trust': z
    .object({ file: filePath, mtimeMs: z.number().finite(), size: z.number().int().nonnegative() })
    .strict(),
  'runs.step': z.object({ file: filePath, stepId: z.string().min(1).max(512) }).strict(),
  'app.info': z.object({}).strict(),
  /**
   * Fork a run at a step. 'before' = retry the step (its parent is the new tip),
   * 'after' = branch after it (the step is kept). Written atomically beside the source;
   * never overwrites: the same step forked twice gives two runs.
   */
  'runs.fork': z
    .object({
      file: filePath,
      stepId: z.string().min(1).max(512),
      mode: z.enum(['before', 'after']),
      branch: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^\s]+$/, 'no spaces in a branch name')
        .optional(),
      reason: z.string().max(4000).optional(),
      /** The user confirmed forking a file that failed its integrity check; the fork records it. */
      overrideIntegrity: z.literal(true).optional()
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
      overwriteChanges: z.boolean().optional(),
      /** The user confirmed re-saving a file that failed its integrity check; the file records it. */
      overrideIntegrity: z.literal(true).optional()
    })
    .strict(),
  /** Side-by-side diff of two runs (spec 15 pairing), or pairing by tool calls only. */
  'runs.diff': z.object({ fileA: filePath, fileB: filePath, toolCallsOnly: z.boolean().optional() }).strict(),
  /** Field-by-field detail of one step pair (either side may be null for a one-sided step). */
  'runs.stepPair': z
    .object({
      fileA: filePath,
      stepA: z.string().max(512).nullable(),
      fileB: filePath,
      stepB: z.string().max(512).nullable()
    })
    .strict(),
  /** Fork families across the open folders, through forked_from links. */
  'runs.lineage': z.object({}).strict(),
  /**
   * Verify a run's signature with a key the user typed: an HMAC key (as text, or its bytes in hex or
   * base64, as hmacKeyFormat says; text by default), or an Ed25519 public key in hex.
   */
  'runs.verifySignature': z
    .object({
      file: filePath,
      hmacKey: z.string().min(1).max(4096).optional(),
      hmacKeyFormat: z.enum(['text', 'hex', 'base64']).optional(),
      ed25519PublicKeyHex: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, '64 hex characters')
        .optional(),
      trustEmbeddedKey: z.boolean().optional()
    })
    .strict(),
  /** A run and every step's detail in one answer, for a standalone HTML export. */
  'runs.exportData': z.object({ file: filePath }).strict(),
  /**
   * A .tine file dropped onto the page in browser mode (the browser sends its bytes, base64). It is
   * kept as a read-only copy in the app's cache and opened on its own; the answer names that copy.
   */
  'runs.import': z
    .object({ name: z.string().min(1).max(255), base64: z.string().min(1).max(IMPORT_BASE64_LIMIT) })
    .strict(),
  /** Saves a dropped copy into an opened folder under its own name; never overwrites. */
  'runs.saveCopy': z.object({ file: filePath, folder: filePath }).strict(),
  /** Providers whose keys are set (plus the offline model), their models, and the built-in tools. Never keys. */
  'agents.catalog': z.object({}).strict(),
  /** Start a new agent run in an opened folder; it is written to <folder>/.tine_runs/<run id>.tine step by step. */
  'agents.start': z
    .object({
      folder: filePath,
      provider: z.string().min(1).max(64),
      model: z.string().min(1).max(200),
      systemPrompt: z.string().max(100_000),
      prompt: z.string().min(1).max(100_000),
      tools: z.array(z.string().min(1).max(64)).max(32),
      /** The folder the built-in read-only tools may read; must be an opened folder. */
      toolRoot: filePath.optional(),
      stepDelayMs: stepDelayMs.optional(),
      budget: budget.optional()
    })
    .strict(),
  /** What "Continue this run…" prefills: the recorded agent, which of its tools this app has, whether this machine started it. */
  'agents.continueInfo': z.object({ file: filePath }).strict(),
  /**
   * Continue a paused run (a fork, or a run paused elsewhere) from its tip, in place, with the agent
   * the user chose; an optional prompt is appended first. Calls matching the origin's record are replayed.
   */
  'agents.continue': z
    .object({
      file: filePath,
      provider: z.string().min(1).max(64),
      model: z.string().min(1).max(200),
      systemPrompt: z.string().max(100_000).optional(),
      prompt: z.string().max(100_000).optional(),
      tools: z.array(z.string().min(1).max(64)).max(32),
      toolRoot: filePath.optional(),
      stepDelayMs: stepDelayMs.optional(),
      budget: budget.optional(),
      /** The user confirmed continuing a run that failed its integrity check; the run records it. */
      overrideIntegrity: z.literal(true).optional()
    })
    .strict(),
  /**
   * Edit before continuing: a tool step's result, a model step's output, or a step's input, written
   * on a new fork beside the source (the edited step is new, marked with the original's id). Nothing runs yet.
   */
  'agents.edit': z
    .object({
      file: filePath,
      stepId: z.string().min(1).max(512),
      target: z.enum(['tool-result', 'model-output', 'input']),
      /** tool-result and a tool step's input: JSON text; model-output and a model step's input: plain text. */
      value: z.string().max(1_000_000),
      /** The user confirmed forking a file that failed its integrity check; the fork records it. */
      overrideIntegrity: z.literal(true).optional()
    })
    .strict(),
  /** Pause (at the next step boundary), resume, or cancel (at once) a run; resume continues a paused run through the agent. */
  'agents.control': z.object({ file: filePath, action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
  /** Retry a step with changes: fork before it, apply the edits, run; earlier steps are served from the record. */
  'agents.retry': z
    .object({
      file: filePath,
      stepId: z.string().min(1).max(512),
      changes: z
        .object({
          prompt: z.string().max(100_000).optional(),
          systemPrompt: z.string().max(100_000).optional(),
          provider: z.string().min(1).max(64).optional(),
          model: z.string().min(1).max(200).optional(),
          /** A tool step only: JSON text of the call's new arguments object (parsed on the main side, so ints and floats keep their kinds). */
          toolArgumentsJson: z.string().max(1_000_000).optional()
        })
        .strict(),
      /** The user confirmed forking a file that failed its integrity check; the fork records it. */
      overrideIntegrity: z.literal(true).optional()
    })
    .strict(),
  /** Resolve a run parked as "needs review" (a side-effect tool that may or may not have run). */
  'agents.review': z
    .object({
      file: filePath,
      action: z.enum(['rerun', 'skip', 'result']),
      result: z.string().max(1_000_000).optional()
    })
    .strict(),
  /** Runs an agent is executing right now. */
  'agents.active': z.object({}).strict(),
  /** Store an API key (write-only: no channel ever reads one back). */
  'settings.setSecret': z
    .object({
      name: z.enum(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENAI_COMPATIBLE_API_KEY', 'OPENAI_COMPATIBLE_BASE_URL']),
      value: z.string().max(4096)
    })
    .strict(),
  /** Desktop app only: reveal an opened run's file in the OS file manager. */
  'desktop.showInFolder': z.object({ file: filePath }).strict(),
  /** Desktop app only: folders and files opened recently, most recent first (browser mode: none). */
  'desktop.recent': z.object({}).strict()
} as const

export interface RunExportData {
  view: RunView
  steps: StepDetail[]
}

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
  'runs.trust': TrustView | null
  'runs.step': StepDetail
  'app.info': AppInfo
  'runs.fork': ForkResultView
  'runs.setStatus': WriteResultView
  'runs.diff': DiffView
  'runs.stepPair': StepPairDetail
  'runs.lineage': LineageNode[]
  'runs.verifySignature': SignatureCheckView
  'runs.exportData': RunExportData
  'runs.import': { file: string }
  'runs.saveCopy': { file: string }
  'agents.catalog': AgentCatalog
  'agents.start': AgentStartedView
  'agents.control': ActiveRunView
  'agents.retry': AgentStartedView
  'agents.continueInfo': ContinueInfoView
  'agents.continue': AgentStartedView
  'agents.edit': EditResultView
  'agents.review': AgentStartedView
  'agents.active': ActiveRunView[]
  'settings.setSecret': { ok: true }
  'desktop.showInFolder': { ok: true }
  'desktop.recent': string[]
}

export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>
export type ResponseOf<C extends Channel> = ResponseTypes[C]

/**
 * Everything the main side pushes to the renderer on its one event channel: folder changes from the
 * watcher, progress of background checks, agent run states and the steps an agent appended.
 */
export type PushEvent =
  | { kind: 'add' | 'change'; folder: string; file: string; run: RunListItem }
  | { kind: 'unlink'; folder: string; file: string }
  | { kind: 'folders'; folders: FolderSnapshot[] }
  /**
   * Progress of the background check of a folder listed from quick reads: `done` of `total` rows
   * checked, with the rows checked since the last such event (they replace the quick rows of the
   * same files). Batched, at most about ten a second; the last one has done === total.
   */
  | { kind: 'verify'; folder: string; done: number; total: number; runs: RunListItem[] }
  /** An agent run changed state or completed a step. */
  | { kind: 'agent'; run: ActiveRunView }
  /**
   * Steps an agent appended to a run, in order: an open graph applies them as a patch instead of
   * reloading. `stepCount` is the run's length after them, so a gap is noticed (and reloaded).
   */
  | { kind: 'steps'; file: string; runId: string; steps: StepSummary[]; stepCount: number }

/** What the renderer calls: one method per channel, plus the push subscription. */
export interface TineApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: PushEvent) => void): () => void
}

/** Validates a request from the renderer; throws ApiError('bad-request') naming the problem. */
export function parseRequest<C extends Channel>(
  channel: string,
  payload: unknown
): { channel: C; request: RequestOf<C> } {
  if (!(CHANNELS as string[]).includes(channel))
    throw new ApiError('unknown-channel', `unknown channel ${JSON.stringify(channel).slice(0, 80)}`)
  const result = requestSchemas[channel as C].safeParse(payload ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ApiError(
      'bad-request',
      `${channel}: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`
    )
  }
  return { channel: channel as C, request: result.data as RequestOf<C> }
}
