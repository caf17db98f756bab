/** Responses of the write and trust actions. Plain JSON. */
import type { DiskChange } from '../run/diff/change-report'

export interface ForkResultView {
  /** Absolute path of the new run's file. */
  file: string
  runId: string
  sourceRunId: string
  forkPoint: string
  mode: 'before' | 'after'
  /** Number of steps kept from the source. */
  retained: number
}

export type WriteResultView =
  | { ok: true; file: string; status: string; mtimeMs: number; size: number }
  /** Something else changed the file since it was loaded: nothing was written. */
  | { ok: false; conflict: DiskChange }

export interface SignatureCheckView {
  ok: boolean
  state: string
  scheme: string | null
  algorithm: string | null
  keyId: string | null
  signer: string | null
  reason: string
  /** Ed25519: the checked key as `sha256:` + hex of its raw bytes. */
  fingerprint?: string | null
}
