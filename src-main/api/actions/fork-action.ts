/**
 * runs.fork: "Retry this step" (fork before it) and "Branch after this step". The fork is a new
 * file written atomically beside its source (so a source in `.tine_runs/` gets its fork there
 * too) and never over an existing file; the source file is only read.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { ForkResultView } from '../../../src-shared/api/action-types'
import { forkRun, type ForkResult } from '../../../src-shared/run/fork'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { isTineError } from '../../../src-shared/tine/errors'
import { obj } from '../../../src-shared/tine/json-value'
import type { FolderRegistry } from '../folder-registry'
import { confinedRunFile } from '../path-guard'
import { readRunOnDisk, refuseUnwritable, writeBesideSource } from './run-on-disk'
import { ApiError } from '../../../src-shared/api/api-error'

export interface ForkContext {
  registry: FolderRegistry
  /** Opens a path as the user would; used to list a fork of a file opened on its own. */
  openPaths(paths: string[]): Promise<unknown>
}

function forkOf(request: RequestOf<'runs.fork'>, source: Awaited<ReturnType<typeof readRunOnDisk>>['run']): ForkResult {
  const reason = request.reason?.trim() ? request.reason.trim() : undefined
  try {
    const result = forkRun(source, {
      at: request.stepId,
      mode: request.mode,
      branch: request.branch,
      // Recorded the way spec §9.2 records a reason: as the fork intent, and readable as fork_reason.
      intent: reason === undefined ? null : obj({ reason })
    })
    if (reason !== undefined) result.run.metadata.fork_reason = reason
    // What the user did, in the app's own metadata key, so the list can say "retry of #17".
    const stepIndex = source.steps.findIndex((step) => step.id === request.stepId)
    if (stepIndex >= 0)
      result.run.metadata.fork_action = obj({
        mode: request.mode === 'before' ? 'retry' : 'branch',
        step_index: BigInt(stepIndex)
      })
    return result
  } catch (error) {
    if (isTineError(error)) throw new ApiError('bad-request', error.message)
    throw error
  }
}

export async function forkAction(context: ForkContext, request: RequestOf<'runs.fork'>): Promise<ForkResultView> {
  const sourceFile = await confinedRunFile(context.registry, request.file)
  const { run: source } = await readRunOnDisk(sourceFile)
  const overridden = refuseUnwritable(source, 'fork', request.overrideIntegrity === true)
  const fork = forkOf(request, source)
  if (overridden) recordIntegrityOverride(fork.run, source, 'fork', overridden)
  const target = await writeBesideSource(fork.run, sourceFile)
  // A file opened on its own allows only itself; its fork is then opened the same way.
  if (!context.registry.allows(target)) await context.openPaths([target])
  return {
    file: target,
    runId: fork.run.id,
    sourceRunId: source.id,
    forkPoint: fork.forkPoint,
    mode: request.mode,
    retained: fork.retained.length
  }
}
