/**
 * Data that crosses between the main side and the renderer. Everything here is plain JSON
 * (no bigint, no Map) so the same values travel over Electron IPC and over HTTP in browser mode.
 */
import type { IndexEntry } from '../run/index-entry'

export type { IndexEntry }

/** `checking`: a row listed from a quick read while the full check runs in the background. */
export type IntegrityState = 'ok' | 'mismatch' | 'missing' | 'unsupported' | 'legacy' | 'checking'
export type SignatureBadge = 'unsigned' | 'signed' | 'verified' | 'mismatch' | 'error'

/** One line of the run list: the index entry plus trust badges. */
export interface RunListItem extends IndexEntry {
  integrity: IntegrityState
  signature: SignatureBadge
  /** Run id this run was forked from, when it is a fork. */
  forkedFrom: string | null
  /** Step id the fork was taken at (absent in rows cached before it was listed). */
  forkPoint?: string | null
  /** The user prompt's first line, or a fork's branch and reason (absent in older cached rows). */
  title?: string
  branch?: string | null
  forkReason?: string | null
  /** "retry of #17", "branch after #4", "fork at #4". */
  forkLabel?: string | null
  /** The model the cost went to when the run names none. */
  costModel?: string | null
}

export interface FolderSnapshot {
  /** Absolute path of the opened folder (or of the single opened file's folder). */
  folder: string
  /** Set when the user opened one file rather than a folder; only that file is listed. */
  singleFile: string | null
  runs: RunListItem[]
  /** How the folder is watched: file-system events, or the polling fallback. */
  watchMode: 'events' | 'polling'
}

/** The structure of one step: enough to draw the graph without payloads. */
export interface StepSummary {
  id: string
  parentIds: string[]
  /** Steps this one depends on without descending from them (drawn dotted; absent when none). */
  causalIds?: string[]
  kind: string
  /** One line: tool name and arguments, or the first words of the text. */
  label: string
  model: string
  cost: number
  /** Input plus output tokens of the step's usage (0 without usage). */
  tokens?: number
  duration: number
  timestamp: number
  isError: boolean
  /** Index in graph order. */
  index: number
}

export interface TranscriptTurnSummary {
  index: number
  role: string
  stepId: string | null
  text: string
}

export interface CostBreakdownView {
  totalCost: number
  totalTokens: number
  inputTokens: number
  outputTokens: number
  byModel: Record<string, number>
  byKind: Record<string, number>
}

export interface TrustView {
  integrity: IntegrityState
  integrityReason: string
  expectedDigest: string | null
  actualDigest: string | null
  signature: SignatureBadge
  signatureScheme: string | null
  signatureAlgorithm: string | null
  signatureKeyId: string | null
  signatureSigner: string | null
  /** Write actions are refused while this is set (tampered or unsupported files). */
  readOnlyReason: string | null
  /** Writes that went ahead from a file that failed its integrity check (metadata.warnings). */
  integrityOverrides: { action: string; reason: string; sourceRun: string }[]
  /** Step ids that are 64-hex but not the hash of their step's content (edited after the id was taken). */
  stepIdMismatches: number | null
  /** Unsigned journal entries beside the file, shown on top of what the file holds. */
  journalEntries: number
}

export interface RunView {
  file: string
  /** File modification time (ms) and size when read: the basis for "changed on disk" checks. */
  mtimeMs: number
  size: number
  runId: string
  status: string
  /** Stopped by Cancel: saved as paused (the format has no "cancelled" status) with metadata.cancelled set. */
  cancelled: boolean
  model: string
  createdAt: number
  systemPrompt: string
  userPrompt: string
  tags: string[]
  refs: Record<string, string>
  draft: boolean
  sourceFormat: string
  formatVersion: number
  migration: unknown[]
  forkedFrom: string | null
  forkPoint: string | null
  forkReason: string | null
  durationTotal: number
  costs: CostBreakdownView
  trust: TrustView
  steps: StepSummary[]
  transcript: TranscriptTurnSummary[]
}

/** Everything about one step, loaded on demand. JSON values are plain (big ints as strings). */
export interface StepDetail {
  id: string
  parentIds: string[]
  kind: string
  model: string
  provider: string | null
  inputs: unknown
  outputs: unknown
  error: unknown
  toolInfo: unknown
  usage: unknown
  billing: unknown
  timestamp: number
  duration: number
  cost: number
  children: string[]
}
