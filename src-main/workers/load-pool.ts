/**
 * Runs load requests off the main thread in a small pool of worker threads. Requests for the same
 * file always go to the same worker, whose open runs stay parsed. When no worker can start (no
 * worker entry in a bundle, a broken install), loading falls back to the main thread and says so.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { LoadError } from '../store/load-error'
import { RunLoader, type LoadRequest, type LoadResults, type RunLoaderOptions } from './load-task'
import type { WorkerReplyMessage } from './load-worker'
import { messageOf } from '../../src-shared/tine/errors'
import { WireJson } from './wire-json'

export interface LoadPoolOptions {
  /** Worker threads: 2 by default (1 on a single core). 0 loads in-process. */
  size?: number
  /** The bundled worker file; defaults to env TINE_LOAD_WORKER, then load-worker.js beside this module. */
  workerEntry?: string
  log?: (line: string) => void
  /** How long a worker may take to start before loading falls back to the main thread. */
  startTimeoutMs?: number
  /** Given to every worker's RunLoader (and to the in-process one). */
  loader?: RunLoaderOptions
}

interface Pending {
  resolve: (json: string) => void
  reject: (error: Error) => void
}

/** The results the main side only passes on to the renderer. */
type PassedOnKind = 'view' | 'step' | 'diff' | 'stepPair'

/** Requests no one waits for on screen: listing rows and checking them in the background. */
const BACKGROUND_KINDS = new Set<LoadRequest['kind']>(['entry', 'preview'])
/** After the screen's last answer the page is still drawing it: background checks wait this long more. */
export const FOREGROUND_QUIET_MS = 500

interface WorkerSlot {
  worker: Worker
  pending: Map<number, Pending>
  reads: number
}

export type LoadMode = 'worker' | 'in-process'

/** How to start a worker from this module: the source entry through tsx, or the bundled file. */
export function workerLaunch(moduleUrl: string, override?: string): { file: URL; entry?: string } | null {
  const explicit = override ?? process.env.TINE_LOAD_WORKER
  if (explicit) return { file: pathToFileURL(explicit) }
  if (/\.(ts|mts)$/.test(new URL(moduleUrl).pathname)) {
    return { file: new URL('./load-worker-tsx.mjs', moduleUrl), entry: new URL('./load-worker.ts', moduleUrl).href }
  }
  // Bundled: the worker is its own entry next to the main bundle, or one folder up from a chunk.
  for (const candidate of ['./load-worker.js', './load-worker.mjs', '../load-worker.js', '../load-worker.mjs']) {
    const url = new URL(candidate, moduleUrl)
    if (existsSync(fileURLToPath(url))) return { file: url }
  }
  return null
}

/** Two workers once there are two cores: listing a folder reads in both while the main thread stays free. */
function defaultSize(): number {
  return availableParallelism() >= 2 ? 2 : 1
}

/** The worker a file's requests go to, so its parsed run stays with one worker. */
export function slotOf(file: string, slots: number): number {
  return hashOf(file) % slots
}

function hashOf(text: string): number {
  let hash = 2166136261
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
  return hash >>> 0
}

export class LoadPool {
  private slots: Array<WorkerSlot | null> = []
  private starting: Promise<void> | null = null
  private fallback: RunLoader | null = null
  private nextId = 1
  private closed = false
  private readonly spawning = new Map<number, Promise<WorkerSlot | null>>()
  /** When each recently viewed file was last asked for (by request id). */
  private readonly viewed = new Map<string, number>()
  /** The worker each recent pair of runs went to. */
  private readonly pairSlots = new Map<string, number>()
  private readonly log: (line: string) => void
  /** Requests for the screen in flight, and when the last one was answered. */
  private foreground = 0
  private foregroundAnsweredAt = 0
  private readonly foregroundWaiters: Array<() => void> = []

  constructor(private readonly options: LoadPoolOptions = {}) {
    this.log = options.log ?? ((line) => console.error(line))
  }

  get mode(): LoadMode {
    return this.fallback ? 'in-process' : 'worker'
  }

  /** Files read so far, over every worker and the in-process loader. */
  reads(): number {
    let total = this.fallback?.reads ?? 0
    for (const slot of this.slots) total += slot?.reads ?? 0
    return total
  }

  run(request: Extract<LoadRequest, { kind: 'entry' }>): Promise<LoadResults['entry']>
  run(request: Extract<LoadRequest, { kind: 'preview' }>): Promise<LoadResults['preview']>
  run(request: Extract<LoadRequest, { kind: 'view' }>): Promise<LoadResults['view']>
  run(request: Extract<LoadRequest, { kind: 'step' }>): Promise<LoadResults['step']>
  run(request: Extract<LoadRequest, { kind: 'diff' }>): Promise<LoadResults['diff']>
  run(request: Extract<LoadRequest, { kind: 'stepPair' }>): Promise<LoadResults['stepPair']>
  run(request: Extract<LoadRequest, { kind: 'change' }>): Promise<LoadResults['change']>
  run(request: Extract<LoadRequest, { kind: 'trust' }>): Promise<LoadResults['trust']>
  async run(request: LoadRequest): Promise<unknown> {
    const answer = await this.answer(request)
    return typeof answer === 'string' ? JSON.parse(answer) : answer.value
  }

  /** The result as the JSON text the worker sent, for a caller that passes it on (see wire-json.ts). */
  async runJson<K extends PassedOnKind>(request: Extract<LoadRequest, { kind: K }>): Promise<WireJson<LoadResults[K]>> {
    const answer = await this.answer(request)
    return new WireJson(typeof answer === 'string' ? answer : JSON.stringify(answer.value))
  }

  /**
   * Resolves once no request for the screen (a run's view, a step, a diff) has been in flight for
   * FOREGROUND_QUIET_MS. A background check waits for it, so opening a run never shares the
   * workers and the two cores with a folder's checks.
   */
  async whenForegroundIdle(): Promise<void> {
    for (;;) {
      if (this.closed) return
      if (this.foreground > 0) {
        await new Promise<void>((resolve) => this.foregroundWaiters.push(resolve))
        continue
      }
      const wait = this.foregroundAnsweredAt + FOREGROUND_QUIET_MS - Date.now()
      if (wait <= 0) return
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }

  /** send, counting the requests for the screen that whenForegroundIdle waits for. */
  private async answer(request: LoadRequest): Promise<string | { value: unknown }> {
    if (BACKGROUND_KINDS.has(request.kind)) return this.send(request)
    this.foreground++
    try {
      return await this.send(request)
    } finally {
      this.foreground--
      this.foregroundAnsweredAt = Date.now()
      if (this.foreground === 0) for (const resolve of this.foregroundWaiters.splice(0)) resolve()
    }
  }

  /** A worker's JSON text, or the value of the in-process loader. */
  private async send(request: LoadRequest): Promise<string | { value: unknown }> {
    if (this.closed) throw new LoadError('unreadable', 'the loader is closed')
    await this.start()
    if (this.fallback) return inProcessAnswer(await this.fallback.handle(request))
    const index = this.slotFor(request)
    const slot = this.slots[index] ?? (await this.respawn(index))
    if (!slot) {
      // The slot could not start, so loading switched to in-process meanwhile (or the pool closed).
      const fallback = this.fallback as RunLoader | null
      if (!fallback) throw new LoadError('unreadable', 'the loader is closed')
      return inProcessAnswer(await fallback.handle(request))
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      slot.pending.set(id, { resolve, reject })
      slot.worker.ref()
      slot.worker.postMessage({ id, request })
    })
  }

  /**
   * A file's own worker; for a pair of runs, the worker of the one opened last. A diff is mostly asked
   * for with one run on screen (a fork compared with its origin), and that worker holds it parsed
   * already, so only the other run is read. The step pairs that follow go where the diff went.
   */
  private slotFor(request: LoadRequest): number {
    if (request.kind === 'view') remember(this.viewed, request.file, this.nextId)
    if (request.kind !== 'diff' && request.kind !== 'stepPair') return slotOf(request.file, this.slots.length)
    const pair = `${request.file}\0${request.fileB}`
    const kept = this.pairSlots.get(pair)
    if (kept !== undefined && kept < this.slots.length) return kept
    const openedLast =
      (this.viewed.get(request.fileB) ?? -1) > (this.viewed.get(request.file) ?? -1) ? request.fileB : request.file
    const index = slotOf(openedLast, this.slots.length)
    remember(this.pairSlots, pair, index)
    return index
  }

  /** Starts the workers ahead of the first request (a no-op once started). */
  warm(): void {
    if (!this.closed) void this.start()
  }

  async close(): Promise<void> {
    this.closed = true
    for (const resolve of this.foregroundWaiters.splice(0)) resolve()
    const slots = this.slots
    this.slots = []
    await Promise.all(slots.map((slot) => slot?.worker.terminate()))
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const size = this.options.size ?? defaultSize()
      if (this.closed) return
      if (size <= 0) {
        this.fallback = new RunLoader(this.options.loader)
        return
      }
      this.slots = new Array(size).fill(null)
      await Promise.all(this.slots.map((_, index) => this.spawnOrFallback(index)))
    })()
    return this.starting
  }

  private respawn(index: number): Promise<WorkerSlot | null> {
    let spawning = this.spawning.get(index)
    if (!spawning) {
      spawning = this.spawnOrFallback(index).finally(() => this.spawning.delete(index))
      this.spawning.set(index, spawning)
    }
    return spawning
  }

  /** A started worker for this slot, or null after switching to in-process loading. */
  private async spawnOrFallback(index: number): Promise<WorkerSlot | null> {
    try {
      const slot = await this.spawn()
      // Closed meanwhile, or another slot failed to start and loading went in-process.
      if (this.closed || this.fallback) {
        await slot.worker.terminate()
        return null
      }
      this.slots[index] = slot
      slot.worker.on('exit', () => this.onExit(index, slot))
      return slot
    } catch (error) {
      if (!this.fallback) this.log(`opentine: load worker unavailable (${messageOf(error)}); loading runs in-process`)
      this.fallback ??= new RunLoader(this.options.loader)
      await Promise.all(this.slots.map((slot) => slot?.worker.terminate()))
      this.slots = []
      return null
    }
  }

  private spawn(): Promise<WorkerSlot> {
    const launch = workerLaunch(import.meta.url, this.options.workerEntry)
    if (!launch) return Promise.reject(new Error('no load-worker entry beside the main bundle'))
    return new Promise((resolve, reject) => {
      const worker = new Worker(launch.file, {
        workerData: { entry: launch.entry, loader: this.options.loader },
        name: 'tine-load'
      })
      const slot: WorkerSlot = { worker, pending: new Map(), reads: 0 }
      const timer = setTimeout(() => {
        void worker.terminate()
        reject(new Error(`did not start within ${this.options.startTimeoutMs ?? 15000} ms`))
      }, this.options.startTimeoutMs ?? 15000)
      const failStart = (error: Error) => {
        clearTimeout(timer)
        reject(error)
      }
      worker.once('error', failStart)
      worker.on('message', (message: WorkerReplyMessage) => {
        if ('ready' in message) {
          clearTimeout(timer)
          worker.off('error', failStart)
          worker.on('error', (error: unknown) =>
            this.failPending(slot, error instanceof Error ? error : new Error(String(error)))
          )
          worker.unref()
          resolve(slot)
          return
        }
        slot.reads = message.reads
        const pending = slot.pending.get(message.id)
        if (!pending) return
        slot.pending.delete(message.id)
        if (slot.pending.size === 0) worker.unref()
        if (message.ok) pending.resolve(message.json)
        else pending.reject(new LoadError(message.error.code as LoadError['code'], message.error.message))
      })
    })
  }

  private failPending(slot: WorkerSlot, error: Error): void {
    for (const pending of slot.pending.values())
      pending.reject(new LoadError('unreadable', `load worker failed: ${error.message}`))
    slot.pending.clear()
  }

  /** A crashed worker (say, out of memory on a huge file) is replaced on the next request. */
  private onExit(index: number, slot: WorkerSlot): void {
    this.failPending(slot, new Error('the worker stopped'))
    if (this.slots[index] === slot) this.slots[index] = null
  }
}

/** Most recent routing facts kept: a few more than the runs the workers keep parsed. */
const ROUTES_KEPT = 16

/** The in-process loader's result as a worker would send it: text that is already JSON stays text. */
function inProcessAnswer(result: unknown): string | { value: unknown } {
  return result instanceof WireJson ? result.text : { value: result }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > ROUTES_KEPT) map.delete(map.keys().next().value!)
}
