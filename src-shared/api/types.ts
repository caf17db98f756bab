/**
 * Data that crosses between the main side and the renderer. Everything here is plain JSON
 * (no bigint, no Map) so the same values travel over Electron IPC and over HTTP in browser mode.
 */
import type { IndexEntry } from '../run/index-entry'

export type { IndexEntry }

export type IntegrityState = 'ok' | 'mismatch' | 'missing' | 'unsupported' | 'legacy'
export type SignatureBadge = 'unsigned' | 'signed' | 'verified' | 'mismatch' | 'error'

/** One line of the run list: the index entry plus trust badges. */
export interface RunListItem extends IndexEntry {
  integrity: IntegrityState
  signature: SignatureBadge
  /** Run id this run was forked from, when it is a fork. */
  forkedFrom: string | null
  /** Step id the fork was taken at (absent in rows cached before it was listed). */
  forkPoint?: string | null
  /** The fork's branch name (`metadata.fork.branch`) and why it was made (`metadata.fork_reason`). */
  forkBranch?: string | null
  forkReason?: string | null
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
  kind: string
  /** One line: tool name and arguments, or the first words of the text. */
  label: string
  model: string
  cost: number
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
}

export interface RunView {
  file: string
  /** File modification time (ms) and size when read: the basis for "changed on disk" checks. */
  mtimeMs: number
  size: number
  runId: string
  status: string
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

export type FolderEvent =
  | { kind: 'add' | 'change'; folder: string; file: string; run: RunListItem }
  | { kind: 'unlink'; folder: string; file: string }
  | { kind: 'folders'; folders: FolderSnapshot[] }
  /** An agent run changed state or completed a step: the renderer reloads that file if it is open. */
  | { kind: 'agent'; run: import('./agent-types').ActiveRunView }

export interface ApiErrorBody {
  error: string
  code: string
}
