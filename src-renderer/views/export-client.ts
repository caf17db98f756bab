/** The api inside an exported page: answers reads from the embedded data, refuses everything else. */
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import type { FolderSnapshot, RunListItem, RunView, StepDetail } from '../../src-shared/api/types'
import type { ExportPayload, ExportedRun } from './export-html'

export const EXPORTED_READ_ONLY = 'an exported page: read-only, and nothing here reaches a server'

function listItemOf(run: ExportedRun): RunListItem {
  const view = run.view
  if (run.item) return { ...run.item, file: view.file }
  return {
    file: view.file,
    run_id: view.runId,
    model: view.model,
    status: view.status,
    steps: view.steps.length,
    cost: view.costs.totalCost,
    created_at: view.createdAt,
    mtime: view.mtimeMs / 1000,
    format_version: view.formatVersion,
    tags: view.tags,
    text: '',
    unreadable: false,
    integrity: view.trust.integrity,
    signature: view.trust.signature,
    forkedFrom: view.forkedFrom,
    forkPoint: view.forkPoint
  }
}

export function createExportApi(payload: ExportPayload): TineApi {
  const views = new Map<string, RunView>()
  const details = new Map<string, Map<string, StepDetail>>()
  for (const run of payload.runs) {
    views.set(run.view.file, { ...run.view, trust: { ...run.view.trust, readOnlyReason: EXPORTED_READ_ONLY } })
    details.set(run.view.file, new Map(run.steps.map((step) => [step.id, step])))
  }
  const snapshots: FolderSnapshot[] = payload.runs.map((run) => ({
    folder: run.view.file,
    singleFile: run.view.file,
    runs: [listItemOf(run)],
    watchMode: 'events'
  }))
  const answer = <C extends Channel>(channel: C, request: RequestOf<C>): unknown => {
    switch (channel) {
      case 'folders.list':
      case 'folders.open':
        return snapshots
      case 'app.info':
        return { version: 'export', mode: 'browser', platform: 'export' }
      case 'runs.load': {
        const view = views.get((request as RequestOf<'runs.load'>).file)
        if (!view) throw new ApiError('not-found', 'that run is not part of this export')
        return view
      }
      case 'runs.trust':
        return views.get((request as RequestOf<'runs.trust'>).file)?.trust ?? null
      case 'runs.step': {
        const { file, stepId } = request as RequestOf<'runs.step'>
        const detail = details.get(file)?.get(stepId)
        if (!detail) throw new ApiError('not-found', 'that step is not part of this export')
        return detail
      }
      case 'runs.exportData': {
        const run = payload.runs.find(
          (candidate) => candidate.view.file === (request as RequestOf<'runs.exportData'>).file
        )
        if (!run) throw new ApiError('not-found', 'that run is not part of this export')
        return { view: run.view, steps: run.steps }
      }
      case 'runs.diff':
        if (payload.diff) return payload.diff.view
        throw new ApiError('read-only', EXPORTED_READ_ONLY)
      case 'runs.lineage':
      case 'agents.active':
        return []
      default:
        throw new ApiError('read-only', EXPORTED_READ_ONLY)
    }
  }
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      return answer(channel, request) as ResponseOf<C>
    },
    onEvent() {
      return () => undefined
    }
  }
}
