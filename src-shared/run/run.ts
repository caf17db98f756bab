/** The in-memory run: a DAG of steps with refs, transcript and recorded conditions (spec §2, §14). */
import { TineError } from '../tine/errors'
import { computeStepId } from '../tine/ids'
import type { IntegrityVerdict } from '../tine/integrity'
import { deepCopy, newObject, type JsonObject, type JsonValue } from '../tine/json-value'
import type { SourceFormat } from '../tine/artifact'
import type { AddStepOptions, RunStatus, Step } from './types'

export interface RunInit {
  id: string
  createdAt?: number
  status?: RunStatus
  modelInfo?: string
  systemPrompt?: string
  userPrompt?: string
}

/** What is known about the file a run was read from. */
export interface RunProvenance {
  sourceFormat: SourceFormat
  integrity: IntegrityVerdict | null
  /** Digest of the body as read, to tell whether a re-save changes signed content. */
  loadedDigest?: string
  /** The signature block as read; kept on re-save only while the signed content is unchanged. */
  loadedSignature?: JsonValue
  loadedSignedMetadata?: string
  /** Journal entries (unsigned, beside the file) replayed onto what the file holds. */
  journalEntries?: number
  /** The digest has not been computed yet (see loadRunDigestLater): integrity is still unknown. */
  integrityPending?: boolean
}

export class Run {
  id: string
  createdAt: number
  status: RunStatus
  modelInfo: string
  systemPrompt: string
  userPrompt: string
  refs: Record<string, string> = Object.create(null)
  transcript: JsonValue[] = []
  manifest: JsonObject = newObject()
  policies: JsonObject = newObject()
  cache: JsonObject = newObject()
  /** Metadata other than model_info, system_prompt, user_prompt, tags and integrity. */
  metadata: JsonObject = newObject()
  tags: string[] = []
  draft = false
  /** Top-level keys this version does not know, kept so a re-save loses nothing. */
  extraTopLevel: JsonObject = newObject()
  provenance: RunProvenance = { sourceFormat: 'v2', integrity: null }

  private readonly stepMap = new Map<string, Step>()
  private childIndex: Map<string, string[]> | null = null

  constructor(init: RunInit) {
    if (!init.id) throw new TineError('run.invalid-argument', 'a run id must be a non-empty string')
    this.id = init.id
    this.createdAt = init.createdAt ?? Date.now() / 1000
    this.status = init.status ?? 'running'
    this.modelInfo = init.modelInfo ?? ''
    this.systemPrompt = init.systemPrompt ?? ''
    this.userPrompt = init.userPrompt ?? ''
    // `main` always exists (spec §10); an empty run points it at "" so a re-save is stable.
    this.refs.main = ''
  }

  /** Steps in graph order (parents before children). */
  get steps(): Step[] {
    return [...this.stepMap.values()]
  }

  get stepCount(): number {
    return this.stepMap.size
  }

  /** Step ids in graph order. */
  get order(): string[] {
    return [...this.stepMap.keys()]
  }

  getStep(id: string): Step | undefined {
    return this.stepMap.get(id)
  }

  hasStep(id: string): boolean {
    return this.stepMap.has(id)
  }

  /** Inserts a fully-formed step record (used by the loader and by fork). */
  putStep(step: Step): void {
    this.stepMap.set(step.id, step)
    this.childIndex = null
  }

  /** The last step in order, or undefined for an empty run. */
  lastStep(): Step | undefined {
    let last: Step | undefined
    for (const step of this.stepMap.values()) last = step
    return last
  }

  /** The tip of a branch: `refs[ref]`, else the last step. */
  tip(ref = 'main'): string | undefined {
    const target = this.refs[ref]
    if (target && this.stepMap.has(target)) return target
    return this.lastStep()?.id
  }

  /** Records a step; its id is the content hash of its payload unless one is given (spec §8). */
  addStep(options: AddStepOptions): Step {
    const ref = options.ref ?? 'main'
    let parentIds: string[]
    if (options.parentIds) parentIds = options.parentIds.map((parent) => this.resolve(parent))
    else {
      const tip = this.refs[ref]
      parentIds = tip ? [tip] : []
    }
    const inputs = options.inputs ?? newObject()
    const outputs = options.outputs ?? newObject()
    const toolInfo = options.toolInfo ?? newObject()
    const error = options.error ?? newObject()
    const modelInfo = options.modelInfo ?? this.modelInfo
    const id =
      options.id ?? computeStepId({ kind: options.kind, inputs, parentIds, outputs, modelInfo, toolInfo, error })
    const duration = options.duration ?? 0
    const cost = options.cost ?? 0
    if (!(duration >= 0) || !(cost >= 0))
      throw new TineError('run.invalid-argument', 'duration and cost must be non-negative numbers')
    const step: Step = {
      id,
      parentIds,
      kind: options.kind,
      inputs,
      outputs,
      modelInfo,
      toolInfo,
      error,
      timestamp: options.timestamp ?? Date.now() / 1000,
      duration,
      cost
    }
    if (options.usage && Object.keys(options.usage).length) step.usage = options.usage
    if (options.billing && Object.keys(options.billing).length) step.billing = options.billing
    if (options.causalIds?.length) step.causalIds = [...options.causalIds]
    if (options.provider) step.provider = options.provider
    // Re-adding an existing id replaces the record without duplicating its place in order.
    this.stepMap.set(id, step)
    this.childIndex = null
    this.refs[ref] = id
    return step
  }

  /** Exact id, else the unique id starting with `ref` (spec §14). */
  resolve(ref: string): string {
    if (this.stepMap.has(ref)) return ref
    if (ref === '') throw new TineError('run.unknown-step', 'Unknown step ref: empty string')
    const matches: string[] = []
    for (const id of this.stepMap.keys()) if (id.startsWith(ref)) matches.push(id)
    if (matches.length === 1) return matches[0]
    if (matches.length === 0)
      throw new TineError(
        'run.unknown-step',
        `Unknown step ref: ${ref} (run ${this.id.slice(0, 12)} has ${this.stepMap.size} steps)`
      )
    const sample = matches
      .slice(0, 4)
      .map((id) => id.slice(0, 12))
      .join(', ')
    throw new TineError(
      'run.ambiguous-step',
      `Ambiguous step ref: ${ref} matches ${matches.length} steps (${sample}${matches.length > 4 ? ', …' : ''})`
    )
  }

  /** Steps (in order) that list `ref` among their parents. */
  children(ref: string): Step[] {
    const id = this.resolve(ref)
    if (!this.childIndex) {
      const index = new Map<string, string[]>()
      for (const step of this.stepMap.values()) {
        for (const parent of new Set(step.parentIds)) {
          const list = index.get(parent)
          if (list) list.push(step.id)
          else index.set(parent, [step.id])
        }
      }
      this.childIndex = index
    }
    return (this.childIndex.get(id) ?? []).map((child) => this.stepMap.get(child)!)
  }

  /**
   * Post-order walk over `parent_ids` (parents in listed order, each once), ending with the
   * step itself (spec §14). Iterative, so a 100,000-step chain cannot overflow the stack.
   */
  ancestors(ref: string, options: { followCausal?: boolean } = {}): string[] {
    const start = this.resolve(ref)
    const seen = new Set<string>()
    const out: string[] = []
    const stack: Array<{ id: string; next: number; parents: string[] }> = []
    const visit = (id: string) => {
      seen.add(id)
      const step = this.stepMap.get(id)!
      const parents = options.followCausal && step.causalIds ? [...step.parentIds, ...step.causalIds] : step.parentIds
      stack.push({ id, next: 0, parents })
    }
    visit(start)
    while (stack.length) {
      const frame = stack[stack.length - 1]
      if (frame.next < frame.parents.length) {
        const parent = frame.parents[frame.next++]
        if (!seen.has(parent) && this.stepMap.has(parent)) visit(parent)
        continue
      }
      stack.pop()
      out.push(frame.id)
    }
    return out
  }

  /** A deep copy that shares nothing with this run. */
  clone(): Run {
    const copy = new Run({
      id: this.id,
      createdAt: this.createdAt,
      status: this.status,
      modelInfo: this.modelInfo,
      systemPrompt: this.systemPrompt,
      userPrompt: this.userPrompt
    })
    for (const step of this.stepMap.values()) copy.putStep(cloneStep(step))
    copy.refs = Object.assign(Object.create(null), this.refs)
    copy.transcript = deepCopy(this.transcript)
    copy.manifest = deepCopy(this.manifest)
    copy.policies = deepCopy(this.policies)
    copy.cache = deepCopy(this.cache)
    copy.metadata = deepCopy(this.metadata)
    copy.tags = [...this.tags]
    copy.draft = this.draft
    copy.extraTopLevel = deepCopy(this.extraTopLevel)
    copy.provenance = { ...this.provenance }
    return copy
  }
}

export function cloneStep(step: Step): Step {
  const copy: Step = {
    ...step,
    parentIds: [...step.parentIds],
    inputs: deepCopy(step.inputs),
    outputs: deepCopy(step.outputs),
    toolInfo: deepCopy(step.toolInfo),
    error: deepCopy(step.error)
  }
  if (step.usage) copy.usage = deepCopy(step.usage)
  if (step.billing) copy.billing = deepCopy(step.billing)
  if (step.causalIds) copy.causalIds = [...step.causalIds]
  if (step.extra) copy.extra = deepCopy(step.extra)
  return copy
}
