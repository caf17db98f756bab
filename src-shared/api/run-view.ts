/**
 * Run → the plain-JSON views the renderer draws: the list row (RunListItem), the run structure
 * (RunView: one StepSummary per step, no payloads) and one step's full record (StepDetail).
 * Everything returned is plain JSON: no bigint, no null-prototype objects, no Map.
 */
import { integrityOverrides } from '../run/tamper'
import { classifyStepIds } from '../tine/step-id-check'
import { costsBy, stepCost, stepTokens, totalCost } from '../run/cost'
import { indexEntryForRun, unreadableEntry } from '../run/index-entry'
import type { Run } from '../run/run'
import type { Step } from '../run/types'
import { isObject, toPlain, type JsonObject, type JsonValue } from '../tine/json-value'
import { ALGORITHMS, SCHEMES } from '../tine/signature-view'
import { runListExtras } from './run-title'
import { visibleText } from './visible-text'
import { clipText, shortValue, stepLabel } from '../run/step-label'
import type {
  CostBreakdownView,
  IntegrityState,
  RunListItem,
  RunView,
  SignatureBadge,
  StepDetail,
  StepSummary,
  TranscriptTurnSummary,
  TrustView
} from './types'

/** Where a run was read from: the basis of "changed on disk" checks. */
export interface FileStamp {
  file: string
  mtimeMs: number
  size: number
}

const TRANSCRIPT_TEXT_WIDTH = 200

export function formatVersionOf(run: Run): number {
  const format = run.provenance.sourceFormat
  return format === 'v1' ? 1 : format === 'legacy-0.1.0' ? 0 : 2
}

export function integrityStateOf(run: Run): { state: IntegrityState; reason: string } {
  if (run.provenance.sourceFormat === 'legacy-0.1.0')
    return { state: 'legacy', reason: 'legacy 0.1.0 file: it carries no integrity digest' }
  if (run.provenance.integrityPending) return { state: 'checking', reason: 'the integrity digest is being checked' }
  const verdict = run.provenance.integrity
  if (!verdict) return { state: 'missing', reason: 'missing integrity digest' }
  if (verdict.ok) return { state: 'ok', reason: verdict.reason }
  if (verdict.reason === 'missing integrity digest') return { state: 'missing', reason: verdict.reason }
  if (verdict.reason === 'unsupported algorithm')
    return { state: 'unsupported', reason: `unsupported digest algorithm ${verdict.algorithm ?? ''}`.trim() }
  return { state: 'mismatch', reason: verdict.reason }
}

/**
 * No keys are held by the explorer, so a present block is only checked for a well-formed header:
 * `signed` means "carries a signature that was not verified", `error` a block no verifier accepts.
 */
export function signatureBadgeOf(run: Run): SignatureBadge {
  const block = run.provenance.loadedSignature
  if (block === undefined || block === null) return 'unsigned'
  if (!isObject(block)) return 'error'
  const scheme = block.scheme
  const algorithm = block.alg
  const value = block.value
  if (typeof scheme !== 'string' || !SCHEMES.includes(scheme)) return 'error'
  if (typeof algorithm !== 'string' || !ALGORITHMS.includes(algorithm)) return 'error'
  const length = algorithm === 'ed25519' ? 128 : 64
  if (typeof value !== 'string' || value.length !== length || !/^[0-9a-f]+$/i.test(value)) return 'error'
  return 'signed'
}

function metadataString(run: Run, key: string): string | null {
  const value = run.metadata[key]
  return typeof value === 'string' && value !== '' ? value : null
}

export function runListItem(run: Run, stamp: FileStamp): RunListItem {
  return {
    ...indexEntryForRun(run, stamp.file, stamp.mtimeMs / 1000, formatVersionOf(run)),
    integrity: integrityStateOf(run).state,
    signature: signatureBadgeOf(run),
    forkedFrom: metadataString(run, 'forked_from'),
    forkPoint: metadataString(run, 'fork_point'),
    ...runListExtras(run)
  }
}

/** A row from a quick read (loadRunPreview): badges say "checking" until the full load replaces it. */
export function previewListItem(run: Run, stamp: FileStamp): RunListItem {
  return { ...runListItem(run, stamp), integrity: 'checking', signature: 'unsigned' }
}

/** A file that could not be loaded: listed with its reason, never matched by a search. */
export function unreadableListItem(
  file: string,
  mtimeMs: number,
  reason: string,
  integrity: IntegrityState = 'mismatch'
): RunListItem {
  return {
    ...unreadableEntry(file, mtimeMs / 1000, reason),
    integrity,
    signature: 'unsigned',
    forkedFrom: null,
    forkPoint: null,
    branch: null,
    forkReason: null
  }
}

/** Hashing every step costs about as much as the digest again; very large runs skip it (`tine verify` does not). */
const STEP_ID_CHECK_LIMIT = 10_000

export function trustView(run: Run): TrustView {
  const integrity = integrityStateOf(run)
  const verdict = run.provenance.integrity
  const block = run.provenance.loadedSignature
  const header = (key: string) => (isObject(block) && typeof block[key] === 'string' ? (block[key] as string) : null)
  let readOnlyReason: string | null = null
  if (integrity.state === 'mismatch') {
    readOnlyReason = `integrity check failed (${integrity.reason}): the file was changed outside opentine, so it is shown read-only`
  } else if (integrity.state === 'missing' || integrity.state === 'unsupported') {
    readOnlyReason = `integrity cannot be checked (${integrity.reason}), so the file is shown read-only`
  } else if (integrity.state === 'checking') {
    readOnlyReason = 'the integrity digest is still being checked, so the file is read-only until it is'
  }
  return {
    integrity: integrity.state,
    integrityReason: integrity.reason,
    expectedDigest: verdict && typeof verdict.expected === 'string' ? verdict.expected : null,
    actualDigest: verdict?.actual ?? run.provenance.loadedDigest ?? null,
    signature: signatureBadgeOf(run),
    signatureScheme: header('scheme'),
    signatureAlgorithm: header('alg'),
    signatureKeyId: header('key_id'),
    signatureSigner: header('signer'),
    readOnlyReason,
    integrityOverrides: integrityOverrides(run),
    stepIdMismatches: run.stepCount <= STEP_ID_CHECK_LIMIT ? classifyStepIds(run.steps).mismatched.length : null,
    journalEntries: run.provenance.journalEntries ?? 0
  }
}

/**
 * Totals and per-model/per-kind spend. (costBreakdown also walks every ref's ancestry, which the
 * explorer does not show and which costs seconds on a 100,000-step run.)
 */
export function costView(run: Run): CostBreakdownView {
  let totalTokens = 0
  let inputTokens = 0
  let outputTokens = 0
  for (const step of run.steps) {
    if (!step.usage) continue
    const tokens = stepTokens(step)
    totalTokens += tokens.total
    inputTokens += tokens.input
    outputTokens += tokens.output
  }
  // Every sum is exact (as decimals), so the total equals the list row's cost to the last digit
  // and the per-model and per-kind figures add up the way cost.ts and the CLI add them.
  return {
    totalCost: totalCost(run),
    totalTokens,
    inputTokens,
    outputTokens,
    byModel: plainRecord(costsBy(run.steps, (step) => step.modelInfo)),
    byKind: plainRecord(costsBy(run.steps, (step) => step.kind))
  }
}

/** A plain object from a Map; keys such as `__proto__` (a model name is file content) stay data. */
function plainRecord(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, value] of map)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}

/** stepCost, without the exact-decimal detour when there is no billed subtotal to prefer. */
function costOf(step: Step): number {
  if (step.billing) return stepCost(step)
  return Number.isFinite(step.cost) && step.cost > 0 ? step.cost : 0
}

export function isErrorStep(step: Step): boolean {
  return step.kind === 'error' || Object.keys(step.error).length > 0
}

export function stepSummary(step: Step, index: number): StepSummary {
  return {
    id: step.id,
    // Shared, not copied: views are read-only and cross a process boundary (a copy) anyway.
    parentIds: step.parentIds,
    ...(step.causalIds?.length ? { causalIds: step.causalIds } : {}),
    kind: step.kind,
    label: visibleText(stepLabel(step)),
    model: step.modelInfo,
    cost: costOf(step),
    tokens: step.usage ? stepTokens(step).total : 0,
    duration: step.duration,
    timestamp: step.timestamp,
    isError: isErrorStep(step),
    index
  }
}

function turnText(turn: JsonObject): string {
  const content = turn.content
  if (typeof content === 'string' && content.trim() !== '') return clipText(content, TRANSCRIPT_TEXT_WIDTH)
  if (Array.isArray(turn.tool_calls) && turn.tool_calls.length) {
    const names = turn.tool_calls.map((call) => (isObject(call) && typeof call.name === 'string' ? call.name : '?'))
    return clipText(`calls ${names.join(', ')}`, TRANSCRIPT_TEXT_WIDTH)
  }
  if (typeof turn.refusal === 'string') return clipText(turn.refusal, TRANSCRIPT_TEXT_WIDTH)
  if (content === undefined || content === null || content === '') return ''
  return clipText(shortValue(content, TRANSCRIPT_TEXT_WIDTH), TRANSCRIPT_TEXT_WIDTH)
}

/** Turn summaries; non-object turns and odd fields are tolerated (spec §19). */
export function transcriptSummary(transcript: readonly JsonValue[], run: Run): TranscriptTurnSummary[] {
  return transcript.map((turn, index) => {
    if (!isObject(turn))
      return {
        index,
        role: '',
        stepId: null,
        text: clipText(shortValue(turn, TRANSCRIPT_TEXT_WIDTH), TRANSCRIPT_TEXT_WIDTH)
      }
    const stepId = typeof turn.step_id === 'string' && run.hasStep(turn.step_id) ? turn.step_id : null
    return { index, role: typeof turn.role === 'string' ? turn.role : '', stepId, text: turnText(turn) }
  })
}

function totalDuration(steps: Step[]): number {
  let total = 0
  for (const step of steps) total += step.duration
  return total
}

export function buildRunView(run: Run, stamp: FileStamp): RunView {
  const steps = run.steps
  return {
    file: stamp.file,
    mtimeMs: stamp.mtimeMs,
    size: stamp.size,
    runId: run.id,
    status: run.status,
    cancelled: run.status === 'paused' && run.metadata.cancelled === true,
    model: run.modelInfo,
    createdAt: run.createdAt,
    systemPrompt: run.systemPrompt,
    userPrompt: run.userPrompt,
    tags: [...run.tags],
    refs: { ...run.refs },
    draft: run.draft,
    sourceFormat: run.provenance.sourceFormat,
    formatVersion: formatVersionOf(run),
    migration: Array.isArray(run.metadata.migration) ? (toPlain(run.metadata.migration) as unknown[]) : [],
    forkedFrom: metadataString(run, 'forked_from'),
    forkPoint: metadataString(run, 'fork_point'),
    forkReason: metadataString(run, 'fork_reason'),
    durationTotal: totalDuration(steps),
    costs: costView(run),
    trust: trustView(run),
    steps: steps.map(stepSummary),
    transcript: transcriptSummary(run.transcript, run)
  }
}

/** Everything about one step; undefined when the run has no such step id. */
export function buildStepDetail(run: Run, stepId: string): StepDetail | undefined {
  const step = run.getStep(stepId)
  if (!step) return undefined
  return {
    id: step.id,
    parentIds: [...step.parentIds],
    kind: step.kind,
    model: step.modelInfo,
    provider: step.provider ?? null,
    inputs: toPlain(step.inputs),
    outputs: toPlain(step.outputs),
    error: toPlain(step.error),
    toolInfo: toPlain(step.toolInfo),
    usage: step.usage ? toPlain(step.usage) : null,
    billing: step.billing ? toPlain(step.billing) : null,
    timestamp: step.timestamp,
    duration: step.duration,
    cost: stepCost(step),
    children: run.children(step.id).map((child) => child.id)
  }
}
