/**
 * The agent's checkpoint store: every completed step is appended to `<file>.journal` (fsynced),
 * and the journal is folded into the `.tine` by an atomic draft rewrite whenever it holds as many
 * steps as the file. Folds therefore happen at 1, 2, 4, 8, … steps and rewrite O(n) bytes in
 * total, where rewriting after every step would cost O(n²). `settle` writes the final file
 * (no draft, no autosave) and deletes the journal.
 */
import type { CheckpointStore, ToolCall } from '../../src-shared/agents/types'
import { obj } from '../../src-shared/tine/json-value'
import type { Run } from '../../src-shared/run/run'
import type { Step } from '../../src-shared/run/types'
import { buildEntry, JournalCursor, type EntryKind } from './journal-entry'
import { JournalWriter, journalPathFor } from './journal'
import { runToDocument, serializeDocument } from '../../src-shared/run/save'
import { writeFileAtomic } from './atomic-write'

export interface JournalCheckpointOptions {
  /** Exact secrets (API keys) that must never reach the file or the journal. */
  secrets?: readonly string[]
  /** Fold when the journal holds `foldRatio` × the file's steps (default 1: geometric). */
  foldRatio?: number
  /** Called before anything of the run is written (e.g. to record how its agent was built). */
  prepare?: (run: Run) => void
}

export interface CheckpointStats {
  folds: number
  journalLines: number
  /** Milliseconds spent inside the store (appends, folds, settle). */
  busyMs: number
}

export class JournalCheckpointStore implements CheckpointStore {
  readonly journal: JournalWriter
  readonly stats: CheckpointStats = { folds: 0, journalLines: 0, busyMs: 0 }
  /** Steps in the run file as last written; undefined until this store first writes it. */
  private fileSteps: number | undefined
  private journalSteps = 0
  private cursor = new JournalCursor()
  /** Digest of the file as last written: every journal line names it, binding it to that state. */
  private base: string | undefined
  private queue: Promise<void> = Promise.resolve()

  constructor(
    readonly file: string,
    private readonly options: JournalCheckpointOptions = {}
  ) {
    this.journal = new JournalWriter(journalPathFor(file))
  }

  /** Writes the run as it starts (no steps yet), so a crash before its first step leaves a file. */
  begin(run: Run): Promise<void> {
    return this.serial(run, () => this.fold(run, true))
  }

  stepCompleted(run: Run, step: Step): Promise<void> {
    return this.serial(run, async () => {
      this.journalSteps += Math.max(1, run.stepCount - this.cursor.steps)
      const ratio = this.options.foldRatio ?? 1
      if (this.fileSteps === undefined || this.journalSteps >= Math.max(1, this.fileSteps * ratio))
        await this.fold(run, true)
      else await this.append('step', run, { step })
    })
  }

  toolStarting(run: Run, call: ToolCall, idempotencyKey: string | undefined): Promise<void> {
    return this.serial(run, async () => {
      // A store that has not written the file yet (a resumed run) writes it whole instead.
      if (this.fileSteps === undefined) return this.fold(run, true)
      const record = obj({ id: call.id, name: call.name, arguments: call.arguments, idempotency_key: idempotencyKey })
      await this.append('tool-starting', run, { call: record })
    })
  }

  /** A stepless user turn (resume prompt): one journal line, so a crash in the model call that follows keeps it. */
  turnAdded(run: Run): Promise<void> {
    return this.serial(run, async () => {
      // A store that has not written the file yet (a resumed run) writes it whole instead.
      if (this.fileSteps === undefined) return this.fold(run, true)
      await this.append('turn', run, {})
    })
  }

  settle(run: Run): Promise<void> {
    return this.serial(run, () => this.fold(run, false))
  }

  private async append(
    kind: EntryKind,
    run: Run,
    extras: { step?: Step; call?: ReturnType<typeof obj> }
  ): Promise<void> {
    await this.journal.append(
      buildEntry(kind, run, this.cursor, { ...extras, base: this.base, secrets: this.options.secrets })
    )
    this.stats.journalLines++
  }

  /** Rewrites the file atomically with everything, then drops the journal it now contains. */
  private async fold(run: Run, draft: boolean): Promise<void> {
    const document = runToDocument(run, { draft, secrets: this.options.secrets })
    await writeFileAtomic(this.file, serializeDocument(document))
    const integrity = document.metadata as { integrity?: { digest?: unknown } }
    this.base = typeof integrity.integrity?.digest === 'string' ? integrity.integrity.digest : undefined
    run.draft = draft
    await this.journal.remove()
    this.fileSteps = run.stepCount
    this.journalSteps = 0
    this.cursor = JournalCursor.at(run)
    this.stats.folds++
  }

  /** Calls run one at a time, in order, even if a caller forgets to await. */
  private serial(run: Run, task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      const started = performance.now()
      try {
        this.options.prepare?.(run)
        await task()
      } finally {
        this.stats.busyMs += performance.now() - started
      }
    })
    this.queue = next.catch(() => undefined)
    return next
  }
}
