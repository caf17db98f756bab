/**
 * The main-side API service: what the Electron shell and the browser-mode server both expose.
 * It validates every request, confines paths to the opened folders, loads runs in worker threads
 * and pushes folder changes to subscribers.
 */
import path from 'node:path'
import { parseRequest, type Channel, type PushEvent } from '../../src-shared/api/contract'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { FolderRegistry, type OpenOptions } from './folder-registry'
import type { FolderScope } from './folder-scope'
import { userDataDir } from '../store/user-data-dir'
import { LoadPool, type LoadMode } from '../workers/load-pool'
import { resultValueOf } from '../workers/wire-json'
import type { Environment } from '../agents/providers/keys'
import type { AgentContext } from './agents/context'
import { apiKeysOf, credentialsOf, type AgentEnvironment, type AppSecretStore } from './agents/credentials'
import { RunManager, type StartRunner } from '../agents/runner/run-manager'
import { apiErrorOf, handlers, type DesktopHooks, type HandlerContext } from './handlers'

export type { AppSecretStore } from './agents/credentials'

export { defaultOpenPaths, examplesDir } from './default-paths'
import { messageOf } from '../../src-shared/tine/errors'
import { VIEW_CACHE_FOLDER } from '../workers/checked-views'

export interface ApiService {
  /** Validates with parseRequest (throws ApiError 'bad-request'/'unknown-channel'/'forbidden-path'/...) and routes. */
  dispatch(channel: string, payload: unknown): Promise<unknown>
  /**
   * dispatch for a transport that sends JSON: a result that is still a worker's JSON text comes as
   * that WireJson, to be sent on as it is (see workers/wire-json.ts).
   */
  dispatchWire(channel: string, payload: unknown): Promise<unknown>
  /** Push events. Returns unsubscribe. */
  onEvent(listener: (event: PushEvent) => void): () => void
  /** Opens folders/files chosen by the user outside the renderer (CLI args, menu, second instance, drag and drop paths). */
  openPaths(paths: string[], options?: OpenOptions): Promise<FolderSnapshot[]>
  close(): Promise<void>
}

export interface ApiServiceOptions {
  mode: 'electron' | 'browser'
  /** Where the per-folder index caches live (the app's user-data cache folder). */
  cacheDir: string
  version: string
  /** Poll instead of file-system events (also env TINE_WATCH_POLLING=1). */
  usePolling?: boolean
  /** Load worker threads: 2 by default (1 on a single core); 0 loads in-process. */
  loadWorkers?: number
  /** The bundled worker file when it is not load-worker.js beside the main bundle. */
  workerEntry?: string
  /** Per-file event debounce, 50 ms by default. */
  debounceMs?: number
  /** The home, temporary and system folders deciding which folders need a confirmation (this machine's by default). */
  folderScope?: FolderScope
  /** The most folders all opened folders may watch together (MAX_WATCHED_FOLDERS by default). */
  maxWatchedFolders?: number
  log?: (line: string) => void
  /** Where keys typed in the app are kept (Electron: ElectronSecretStore). Browser mode has none: keys come from the environment. */
  secretStore?: AppSecretStore
  /** Where API keys and base URLs are read from; process.env by default. */
  env?: Environment
  /** The user's data folder (the registry of runs started here); userDataDir() of the environment by default. */
  dataDir?: string
  /** How agent runner processes start (Electron: utilityProcess); child_process.fork by default. */
  startRunner?: StartRunner
  /** Reveal in folder, recent files: the Electron shell's own abilities. */
  desktop?: DesktopHooks
}

/** Numbers for tests and the benchmark. */
export interface ServiceStats {
  fileReads: number
  cacheHits: number
  cacheMisses: number
  loadMode: LoadMode
  /** Process ids of the live agent runner children. */
  runnerPids: number[]
}

export interface ApiServiceWithStats extends ApiService {
  stats(): ServiceStats
  /** Resolves once the background checks of quickly listed folders are done. */
  whenVerified(): Promise<void>
}

export function createApiService(options: ApiServiceOptions): ApiServiceWithStats {
  const log = options.log ?? ((line: string) => console.error(line))
  const listeners = new Set<(event: PushEvent) => void>()
  const emit = (event: PushEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        log(`opentine: event listener failed: ${messageOf(error)}`)
      }
    }
  }
  const pool = new LoadPool({
    size: options.loadWorkers,
    workerEntry: options.workerEntry,
    log,
    loader: { viewCacheDir: path.join(options.cacheDir, VIEW_CACHE_FOLDER), appVersion: options.version }
  })
  const registry = new FolderRegistry({
    pool,
    cacheDir: options.cacheDir,
    appVersion: options.version,
    usePolling: options.usePolling,
    debounceMs: options.debounceMs,
    scope: options.folderScope,
    maxWatchedFolders: options.maxWatchedFolders,
    emit,
    log
  })
  let closed = false

  const announceFolders = () => emit({ kind: 'folders', folders: registry.snapshots() })

  const environment: AgentEnvironment = { env: options.env ?? process.env, secretStore: options.secretStore }
  const manager = new RunManager({
    emit: (run) => emit({ kind: 'agent', run }),
    emitSteps: (file, runId, steps, stepCount) => emit({ kind: 'steps', file, runId, steps, stepCount }),
    log,
    startRunner: options.startRunner,
    apiKeys: async () => apiKeysOf(await credentialsOf(environment))
  })

  /** Opens every path it can; a path that fails is reported after the others are open. */
  const openPaths = async (paths: string[], openOptions: OpenOptions = {}): Promise<FolderSnapshot[]> => {
    const failures: unknown[] = []
    for (const requested of paths) {
      try {
        await registry.open(requested, openOptions)
      } catch (error) {
        failures.push(error)
      }
    }
    if (failures.length < paths.length) announceFolders()
    // A listing served from the index needs no worker; have one ready for the run the user opens next.
    pool.warm()
    if (failures.length) throw apiErrorOf(failures[0])
    return registry.snapshots()
  }

  const context: HandlerContext = {
    registry,
    pool,
    info: { version: options.version, mode: options.mode, platform: process.platform },
    openPaths,
    announceFolders,
    agents: {
      registry,
      manager,
      environment,
      openPaths,
      dataDir: options.dataDir ?? userDataDir(process.env)
    } satisfies AgentContext,
    importDir: path.join(options.cacheDir, 'dropped'),
    desktop: options.desktop
  }

  async function dispatchWire(channel: string, payload: unknown): Promise<unknown> {
    try {
      if (closed) throw new Error('the service is closed')
      const { request } = parseRequest(channel, payload)
      const handler = handlers[channel as Channel] as (context: HandlerContext, request: unknown) => Promise<unknown>
      return await handler(context, request)
    } catch (error) {
      throw apiErrorOf(error)
    }
  }

  return {
    dispatch: async (channel, payload) => resultValueOf(await dispatchWire(channel, payload)),
    dispatchWire,
    onEvent(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    openPaths,
    async close() {
      if (closed) return
      closed = true
      // Runner children first: each settles its file (or is killed) before the folders close.
      await manager.close()
      listeners.clear()
      await registry.closeAll()
      await pool.close()
    },
    whenVerified: () => registry.whenVerified(),
    stats() {
      const cache = registry.cacheStats()
      return {
        fileReads: pool.reads(),
        cacheHits: cache.hits,
        cacheMisses: cache.misses,
        loadMode: pool.mode,
        runnerPids: manager.pids()
      }
    }
  }
}
