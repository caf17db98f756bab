/**
 * agents.edit ("Edit before continuing…"): the edited fork is written beside its source and opened;
 * nothing runs until the user continues it. The source is checked like every fork's: a file that
 * failed its integrity check is never forked.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { EditResultView } from '../../../src-shared/api/agent-types'
import { readRunOnDisk, refuseUnwritable, writeBesideSource } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import type { AgentContext } from './context'
import { buildEditedFork } from './edit-step'

export async function editAction(context: AgentContext, request: RequestOf<'agents.edit'>): Promise<EditResultView> {
  const sourceFile = await confinedRunFile(context.registry, request.file)
  const { run: source } = await readRunOnDisk(sourceFile)
  refuseUnwritable(source, 'fork')
  const fork = buildEditedFork(source, request.stepId, request.target, request.value)
  const target = await writeBesideSource(fork.run, sourceFile)
  if (!context.registry.allows(target)) await context.openPaths([target])
  const original = String((fork.run.metadata.edit as { original?: unknown } | undefined)?.original ?? request.stepId)
  return { file: target, runId: fork.run.id, original, stepId: fork.stepId, forkPoint: fork.forkPoint }
}
