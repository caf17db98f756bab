/**
 * One handler per API channel. Requests arrive already validated by parseRequest; every path is
 * confined before any file is read. The actions on runs (fork, pause/resume, diff, lineage,
 * signatures) live in ./actions, one file each; the agent channels in ./agents.
 */
import { type AppInfo, type Channel, type RequestOf, type ResponseOf } from '../../src-shared/api/contract'
import type { FolderSnapshot } from '../../src-shared/api/types'
import type { FolderRegistry, OpenOptions } from './folder-registry'
import { LoadError } from '../store/load-error'
import type { LoadPool } from '../workers/load-pool'
import type { WireJson } from '../workers/wire-json'
import { diffAction, stepPairAction } from './actions/diff-action'
import {
  exportDataAction,
  importAction,
  isDroppedCopy,
  markDropped,
  markDroppedTrust,
  saveCopyAction
} from './actions/dropped-runs'
import { forkAction } from './actions/fork-action'
import { lineageAction } from './actions/lineage-action'
import { verifySignatureAction } from './actions/signature-action'
import { setStatusAction } from './actions/status-action'
import { agentCatalog } from './agents/catalog'
import type { AgentContext } from './agents/context'
import { continueAction, continueInfoAction } from './agents/continue'
import { editAction } from './agents/edit'
import { retryAction } from './agents/retry'
import { reviewAction } from './agents/review'
import { setSecretAction } from './agents/secrets-channel'
import { controlAction, startAction } from './agents/start'
import { confinedRunFile } from './path-guard'
import { messageOf } from '../../src-shared/tine/errors'
import { ApiError } from '../../src-shared/api/api-error'

export interface HandlerContext {
  registry: FolderRegistry
  pool: LoadPool
  info: AppInfo
  /** Opens paths and tells every window; the same as ApiService.openPaths. */
  openPaths(paths: string[], options?: OpenOptions): Promise<FolderSnapshot[]>
  /** Announces the current folder list after an open or a close. */
  announceFolders(): void
  /** The agent runs: the run manager (which owns the files its runners execute), keys, settings store. */
  agents: AgentContext
  /** Where files dropped onto the page in browser mode are kept, read-only. */
  importDir: string
  /** What only the desktop app can do; absent in browser mode. */
  desktop?: DesktopHooks
}

export interface DesktopHooks {
  showInFolder(file: string): void
  recent(): string[]
}

/** A handler answers its channel's response, or that response still as a worker's JSON text. */
type Handlers = {
  [C in Channel]: (context: HandlerContext, request: RequestOf<C>) => Promise<ResponseOf<C> | WireJson<ResponseOf<C>>>
}

/** Loader refusals become API errors the renderer can show as they are. */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof LoadError) return new ApiError(error.code, error.message)
  return new ApiError('internal', messageOf(error))
}

export const handlers: Handlers = {
  'folders.open': (context, request) => context.openPaths(request.paths, { confirmBroad: request.confirmBroad }),
  'folders.list': async (context) => context.registry.snapshots(),
  'folders.close': async (context, request) => {
    if (!(await context.registry.close(request.folder)))
      throw new ApiError('not-found', `not an opened folder: ${request.folder.slice(0, 300)}`)
    context.announceFolders()
    return context.registry.snapshots()
  },
  'runs.load': async (context, request) => {
    const file = await confinedRunFile(context.registry, request.file)
    // A dropped copy's view is marked read-only here; any other goes on as the worker wrote it.
    if (isDroppedCopy(context.importDir, file))
      return markDropped(context.importDir, await context.pool.run({ kind: 'view', file }))
    return context.pool.runJson({ kind: 'view', file })
  },
  'runs.trust': async (context, request) => {
    const file = await confinedRunFile(context.registry, request.file)
    const { trust } = await context.pool.run({ kind: 'trust', file, since: request })
    return trust && markDroppedTrust(context.importDir, file, trust)
  },
  'runs.step': async (context, request) => {
    const file = await confinedRunFile(context.registry, request.file)
    return context.pool.runJson({ kind: 'step', file, stepId: request.stepId })
  },
  'app.info': async (context) => context.info,
  'runs.fork': (context, request) => forkAction(context, request),
  'runs.setStatus': (context, request) => setStatusAction(context, request),
  'runs.diff': (context, request) => diffAction(context, request),
  'runs.stepPair': (context, request) => stepPairAction(context, request),
  'runs.lineage': async (context) => lineageAction(context.registry.snapshots()),
  'runs.verifySignature': (context, request) => verifySignatureAction(context.registry, request),
  'runs.exportData': (context, request) => exportDataAction(context, request),
  'runs.import': (context, request) => importAction(context, request),
  'runs.saveCopy': (context, request) => saveCopyAction(context, request),
  'agents.catalog': (context) => agentCatalog(context.agents.environment),
  'agents.start': (context, request) => startAction(context.agents, request),
  'agents.control': (context, request) => controlAction(context.agents, request),
  'agents.retry': (context, request) => retryAction(context.agents, request),
  'agents.review': (context, request) => reviewAction(context.agents, request),
  'agents.continueInfo': (context, request) => continueInfoAction(context.agents, request),
  'agents.continue': (context, request) => continueAction(context.agents, request),
  'agents.edit': (context, request) => editAction(context.agents, request),
  'agents.active': async (context) => context.agents.manager.active(),
  'settings.setSecret': (context, request) => setSecretAction(context.agents.environment, request),
  'desktop.showInFolder': async (context, request) => {
    if (!context.desktop) throw new ApiError('unavailable', 'only the desktop app can show a file in its folder')
    context.desktop.showInFolder(await confinedRunFile(context.registry, request.file))
    return { ok: true }
  },
  'desktop.recent': async (context) => context.desktop?.recent() ?? []
}
