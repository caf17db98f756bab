/**
 * agents.edit ("Edit before continuing…"): the edited fork is written beside its source and opened;
 * nothing runs until the user continues it. The source is checked like every fork's: a file that
 * failed its integrity check is forked only on the user's explicit override, which the fork records.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { EditResultView } from '../../../src-shared/api/agent-types'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { readRunOnDisk, refuseUnwritable, writeBesideSource } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import type { AgentContext } from './context'
import { buildEditedFork } from './edit-step'

export async function editAction(context: AgentContext, request: RequestOf<'agents.edit'>): Promise<EditResultView> {
  const sourceFile = await confinedRunFile(context.registry, request.file)
  const { run: source } = await readRunOnDisk(sourceFile)
  const overridden = refuseUnwritable(source, 'fork', request.overrideIntegrity === true)
  const fork = buildEditedFork(source, request.stepId, request.target, request.value)
  if (overridden) recordIntegrityOverride(fork.run, source, 'edit', overridden)
  const target = await writeBesideSource(fork.run, sourceFile)
  if (!context.registry.allows(target)) await context.openPaths([target])
  const original = String((fork.run.metadata.edit as { original?: unknown } | undefined)?.original ?? request.stepId)
  return { file: target, runId: fork.run.id, original, stepId: fork.stepId, forkPoint: fork.forkPoint }
}
