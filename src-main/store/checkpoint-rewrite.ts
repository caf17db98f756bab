/**
 * The naive checkpoint strategy: rewrite the whole `.tine` after every step. Simple and crash
 * safe, but its total cost grows with the square of the step count; kept as the benchmark's
 * point of comparison for the journal (checkpoint-journal.ts).
 */
import type { CheckpointStore } from '../../src-shared/agents/types'
import type { Run } from '../../src-shared/run/run'
import { saveRun } from './run-file'

export class RewriteCheckpointStore implements CheckpointStore {
  busyMs = 0

  constructor(
    readonly file: string,
    private readonly secrets: readonly string[] = []
  ) {}

  stepCompleted(run: Run): Promise<void> {
    return this.write(run, true)
  }

  toolStarting(run: Run): Promise<void> {
    return this.write(run, true)
  }

  settle(run: Run): Promise<void> {
    return this.write(run, false)
  }

  private async write(run: Run, draft: boolean): Promise<void> {
    const started = performance.now()
    await saveRun(run, this.file, { draft, secrets: this.secrets })
    run.draft = draft
    this.busyMs += performance.now() - started
  }
}
