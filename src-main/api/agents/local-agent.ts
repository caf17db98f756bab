/**
 * The runs this machine's app started, in the user's data folder (store/local-runs): every run the
 * app launches is recorded there with the agent the user chose, and Resume rebuilds that agent
 * from the record, never from the file. A file alone (metadata.agent) never chooses the code or
 * the endpoint; it only names the tool folder, which must still be inside an opened folder.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Run } from '../../../src-shared/run/run'
import { isObject, str } from '../../../src-shared/tine/json-value'
import type { AgentSpec } from '../../agents/runner/protocol'
import { findLocalRun, recordLocalRun, type LocalRun } from '../../store/local-runs'
import type { AgentChoice } from './agent-spec'
import type { AgentContext } from './context'
import { toolFolderFor } from './folders'
import { ApiError } from '../../../src-shared/api/api-error'

async function realOrResolved(file: string): Promise<string> {
  return fs.realpath(file).catch(() => path.resolve(file))
}

/** Records a run the app just launched; a registry that cannot be written only costs a later Resume its record. */
export async function recordAppRun(
  context: AgentContext,
  view: { file: string; runId: string },
  spec: AgentSpec,
  chosenBaseUrl?: string
): Promise<void> {
  try {
    await recordLocalRun(context.dataDir, {
      runId: view.runId,
      file: await realOrResolved(view.file),
      agent: {
        kind: 'app',
        provider: spec.provider,
        model: spec.model,
        tools: [...(spec.tools ?? [])],
        ...(chosenBaseUrl ? { baseUrl: chosenBaseUrl } : {})
      },
      recordedAt: new Date().toISOString()
    })
  } catch {
    // The run itself is fine; only resuming it later needs the Continue form.
  }
}

/** The record of a run this machine started in exactly this file, if any. */
export async function localRecordOf(context: AgentContext, run: Run, file: string): Promise<LocalRun | undefined> {
  const record = await findLocalRun(context.dataDir, run.id)
  if (!record) return undefined
  return record.file === (await realOrResolved(file)) ? record : undefined
}

/** The folder the run's tools read, from the file, accepted only inside an opened folder. */
export async function recordedToolFolder(context: AgentContext, run: Run): Promise<string | undefined> {
  const origin = run.metadata.agent
  const spec = isObject(origin) && isObject(origin.spec) ? origin.spec : undefined
  const folder = spec ? str(spec.folder) : ''
  if (!folder) return undefined
  return toolFolderFor(context.registry, folder)
}

/** The agent to resume `run` with: the one this machine recorded for it. Refuses runs it did not start. */
export async function resumeChoice(
  context: AgentContext,
  run: Run,
  file: string
): Promise<{ choice: AgentChoice; baseUrl?: string }> {
  const record = await localRecordOf(context, run, file)
  if (!record) {
    throw new ApiError(
      'not-recorded',
      `run ${run.id.slice(0, 12)} was not started by this app on this machine: continue it with "Continue this run…" and the agent you choose`
    )
  }
  if (record.agent.kind === 'script') {
    throw new ApiError(
      'unavailable',
      'this run was started from an agent script; continue it with `tine resume RUN --agent SCRIPT` (the app never runs a script)'
    )
  }
  const { provider, model, tools, baseUrl } = record.agent
  const choice: AgentChoice = { provider, model, tools: [...tools] }
  if (tools.length) {
    try {
      choice.toolFolder = await recordedToolFolder(context, run)
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : String(error)
      throw new ApiError(
        'forbidden-path',
        `the run's tools must read a folder inside an opened folder to resume it (${reason})`
      )
    }
    if (!choice.toolFolder)
      throw new ApiError(
        'unavailable',
        'the run uses built-in tools but records no folder for them; continue it with "Continue this run…"'
      )
  }
  return { choice, baseUrl }
}
