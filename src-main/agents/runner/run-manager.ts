/**
 * The agent runs the app executes: one runner child process per active run (a hung provider or a
 * crashing tool never blocks the window). The runner owns a file it executes, so runs.setStatus asks
 * this manager first and pauses such a run at its next step boundary instead of rewriting it. A run
 * paused here stays known (without a process), so resuming it continues it through the agent. Runner messages become throttled push events;
 * closing the manager cancels every child and kills any that does not settle in time.
 */
import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { ActiveRunState, ActiveRunView } from '../../../src-shared/api/agent-types'
import type { StepSummary } from '../../../src-shared/api/types'
import { startRunner, type RunnerHandle, type RunnerLaunch } from './controller'
import type { ChildMessage, RunnerOptions, RunnerOutcome } from './protocol'
import { messageOf } from '../../../src-shared/tine/errors'
import { ApiError } from '../../../src-shared/api/api-error'

/** Push events per run at most this often (about 20 a second); state changes go out at once. */
const EVENT_INTERVAL_MS = 50
/** How long a cancelled child may take to settle its file before it is killed. */
const CANCEL_GRACE_MS = 3000

export type StartRunner = (options: RunnerOptions, launch: RunnerLaunch) => RunnerHandle

export interface RunManagerOptions {
  emit(view: ActiveRunView): void
  /** The steps completed since the last event, sent just before it (an open graph appends them). */
  emitSteps?(file: string, runId: string, steps: StepSummary[], stepCount: number): void
  log(line: string): void
  /** Injectable for tests; the real runner by default. */
  startRunner?: StartRunner
  /** The child's environment (keys travel over IPC, never here or on argv). */
  childEnv?: NodeJS.ProcessEnv
  /** The API keys a child may need, resolved afresh for every start (a key set since is used). */
  apiKeys(): Promise<Record<string, string>>
}

type Waiter = { until: (state: ActiveRunState) => boolean; resolve: () => void }

class ManagedRun {
  view: ActiveRunView
  handle: RunnerHandle | null = null
  /** How the child is started again to continue the run (resume). */
  relaunch: Omit<RunnerOptions, 'mode' | 'file' | 'prompt' | 'review' | 'apiKeys'> | null = null
  pendingPause = false
  pendingCancel = false
  lastEmit = 0
  timer: NodeJS.Timeout | null = null
  /** Steps completed since the last event. */
  pendingSteps: StepSummary[] = []
  waiters: Waiter[] = []

  constructor(file: string, runId: string) {
    this.view = { file, runId, state: 'starting', stepCount: 0, activity: null, error: null }
  }

  get live(): boolean {
    return this.handle !== null
  }
}

const TERMINAL: ReadonlySet<ActiveRunState> = new Set(['completed', 'failed', 'cancelled'])
/** States after which no child runs; the run waits for the user (resume or review). */
const AT_REST: ReadonlySet<ActiveRunState> = new Set(['paused', 'needs-review', ...TERMINAL])

/** What the agent is doing right after `step` completed. */
function activityAfter(step: StepSummary): string | null {
  if (step.kind === 'done') return null
  if (step.kind === 'tool') return 'asking the model'
  if (step.kind === 'think' || step.kind === 'model') return 'running tools'
  return 'working'
}

/** The real path of `file`, or its absolute path while it does not exist (a run is known before its first save). */
function canonicalPath(file: string): string {
  const absolute = path.resolve(file)
  try {
    return realpathSync(absolute)
  } catch {
    return absolute
  }
}

function stateOfOutcome(outcome: RunnerOutcome): ActiveRunState {
  if (outcome.cancelled) return 'cancelled'
  if (outcome.needsReview !== undefined) return 'needs-review'
  if (outcome.status === 'completed') return 'completed'
  if (outcome.status === 'failed') return 'failed'
  if (outcome.status === 'paused') return 'paused'
  return 'failed'
}

export class RunManager {
  private readonly runs = new Map<string, ManagedRun>()
  private closed = false

  constructor(private readonly options: RunManagerOptions) {}

  /** Views of the runs executing now, and of the runs paused or parked here. */
  active(): ActiveRunView[] {
    return [...this.runs.values()].map((run) => ({ ...run.view }))
  }

  /** Process ids of the live runner children (for tests and diagnostics). */
  pids(): number[] {
    return [...this.runs.values()].map((run) => run.handle?.pid).filter((pid): pid is number => typeof pid === 'number')
  }

  view(file: string): ActiveRunView | undefined {
    const run = this.find(file)
    return run ? { ...run.view } : undefined
  }

  /** True when a child is executing `file` right now. */
  isExecuting(file: string): boolean {
    return this.find(file)?.live === true
  }

  /**
   * Starts a runner and resolves once the run's file exists (the child's first status message),
   * or rejects with the child's one-line error.
   */
  async launch(options: RunnerOptions): Promise<ActiveRunView> {
    if (this.closed) throw new ApiError('unavailable', 'the app is closing; no new run can start')
    // A resume continues where the run stopped: it must not append the first prompt again or replay a review.
    const { apiKeys: _keys, prompt: _prompt, review: _review, mode: _mode, file: _file, ...relaunch } = options
    const apiKeys = await this.options.apiKeys()
    const known = options.mode === 'continue' && options.file ? path.resolve(options.file) : null
    if (known && this.find(known)?.live)
      throw new ApiError('conflict', `an agent is already running ${path.basename(known)}`)
    let managed: ManagedRun | null = known ? this.adopt(known, '') : null
    const start = this.options.startRunner ?? startRunner

    return new Promise<ActiveRunView>((resolve, reject) => {
      let settled = false
      const ready = (run: ManagedRun) => {
        if (settled) return
        settled = true
        resolve({ ...run.view })
      }
      const fail = (message: string) => {
        if (settled) return
        settled = true
        reject(new ApiError('agent-failed', message))
      }
      const handle = start(
        { ...options, apiKeys },
        {
          env: this.options.childEnv,
          onStderr: (text) => this.options.log(`opentine runner: ${text.trimEnd()}`),
          onMessage: (message) => {
            if (!managed && 'file' in message && 'runId' in message)
              managed = this.adopt(path.resolve(message.file), message.runId)
            if (managed && !managed.handle) this.attach(managed, handle, relaunch)
            if (managed) this.onMessage(managed, message)
            if (managed && message.type === 'status') ready(managed)
            if (message.type === 'error') fail(message.message)
          }
        }
      )
      if (managed) this.attach(managed, handle, relaunch)
      handle.done.then(
        (outcome) => {
          if (managed) this.onExit(managed, handle, outcome, null)
          if (managed) ready(managed)
          else fail('the runner stopped before it wrote the run')
        },
        (error: Error) => {
          if (managed) this.onExit(managed, handle, null, error.message)
          fail(error.message)
        }
      )
    })
  }

  /** Stops the run at its next step boundary; resolves once it is saved as paused (or ended). */
  async pause(file: string): Promise<ActiveRunView> {
    const run = this.require(file)
    if (!run.live) return { ...run.view }
    const handle = run.handle!
    if (run.view.state === 'starting') run.pendingPause = true
    else handle.pause()
    this.setState(run, 'pausing')
    await this.until(run, (state) => AT_REST.has(state))
    // The child exits right after saving; answered once it has, so the run can be resumed at once.
    await handle.done.catch(() => undefined)
    return { ...run.view }
  }

  /** Stops the run at once; completed steps are on disk. Resolves once the child is gone. */
  async cancel(file: string): Promise<ActiveRunView> {
    const run = this.require(file)
    if (!run.live) {
      if (!TERMINAL.has(run.view.state)) this.setState(run, 'cancelled')
      this.forget(run)
      return { ...run.view }
    }
    const handle = run.handle!
    this.cancelChild(run)
    // Answered once the process is gone, so nothing of the run is still moving.
    await handle.done.catch(() => undefined)
    return { ...run.view }
  }

  /** Continues a run paused here through a new runner; resolves once it runs again. */
  async resume(file: string, extra: Pick<RunnerOptions, 'prompt' | 'review'> = {}): Promise<ActiveRunView> {
    const run = this.require(file)
    if (run.live) {
      if (run.view.state === 'pausing')
        throw new ApiError('conflict', 'the run is still pausing; resume it once it has paused')
      return { ...run.view }
    }
    if (run.view.state === 'needs-review')
      throw new ApiError(
        'needs-review',
        'this run waits for a review of a tool call: re-run it, skip it or give its result'
      )
    if (!run.relaunch) throw new ApiError('unavailable', 'this run cannot be resumed here')
    return this.launch({ ...run.relaunch, ...extra, mode: 'continue', file: run.view.file })
  }

  /** Whether this manager knows the run (executing, paused or parked here): then its runner owns the file. */
  has(file: string): boolean {
    return this.find(file) !== undefined
  }

  /** Cancels every child and waits for it to exit; a child that does not settle in time is killed. */
  async close(): Promise<void> {
    this.closed = true
    const live = [...this.runs.values()].filter((run) => run.live)
    await Promise.all(
      live.map(async (run) => {
        const handle = run.handle!
        this.cancelChild(run)
        await handle.done.catch(() => undefined)
      })
    )
    for (const run of this.runs.values()) if (run.timer) clearTimeout(run.timer)
    this.runs.clear()
  }

  /** The run of `file`, by its path or, for a run keyed by the path it was started with, by its real path. */
  private find(file: string): ManagedRun | undefined {
    const direct = this.runs.get(path.resolve(file))
    if (direct) return direct
    const real = canonicalPath(file)
    for (const [key, run] of this.runs) if (canonicalPath(key) === real) return run
    return undefined
  }

  private require(file: string): ManagedRun {
    const run = this.find(file)
    if (!run) throw new ApiError('not-active', `no agent is running ${path.basename(file)}`)
    return run
  }

  private adopt(file: string, runId: string): ManagedRun {
    let run = this.find(file)
    if (!run) {
      run = new ManagedRun(file, runId)
      this.runs.set(file, run)
    }
    if (runId) run.view.runId = runId
    run.view.state = 'starting'
    run.view.error = null
    run.view.activity = null
    return run
  }

  private attach(run: ManagedRun, handle: RunnerHandle, relaunch: ManagedRun['relaunch']): void {
    run.handle = handle
    run.relaunch = relaunch
  }

  private cancelChild(run: ManagedRun): void {
    const handle = run.handle
    if (!handle) return
    if (run.view.state === 'starting') run.pendingCancel = true
    handle.cancel()
    // A tool that ignores the abort must not keep the run (or the app) hanging: the journal holds every completed step.
    const timer = setTimeout(() => handle.kill('SIGKILL'), CANCEL_GRACE_MS)
    timer.unref()
    void handle.done.catch(() => undefined).finally(() => clearTimeout(timer))
    if (!run.pendingCancel) run.view.activity = 'cancelling'
  }

  private onMessage(run: ManagedRun, message: ChildMessage): void {
    switch (message.type) {
      case 'status':
        if (message.runId) run.view.runId = message.runId
        if (run.pendingCancel) run.handle?.cancel()
        else if (run.pendingPause) run.handle?.pause()
        run.pendingPause = false
        if (run.view.state === 'starting') this.setState(run, 'running', 'asking the model')
        break
      case 'step':
        run.view.stepCount = message.stepCount
        run.pendingSteps.push(message.step)
        run.view.activity = run.view.state === 'pausing' ? 'pausing' : activityAfter(message.step)
        this.emitThrottled(run)
        break
      case 'paused':
      case 'finished':
        run.view.stepCount = message.stepCount
        run.view.activity = null
        this.setState(run, stateOfOutcome(message))
        break
      case 'error':
        run.view.error = message.message
        break
    }
  }

  private onExit(run: ManagedRun, handle: RunnerHandle, outcome: RunnerOutcome | null, error: string | null): void {
    if (run.handle !== handle) return
    run.handle = null
    run.pendingCancel = false
    run.pendingPause = false
    if (outcome) {
      run.view.stepCount = outcome.stepCount
      if (!AT_REST.has(run.view.state)) this.setState(run, stateOfOutcome(outcome))
    } else if (!AT_REST.has(run.view.state)) {
      // A child killed while cancelling was cancelled; any other death is a failure.
      const cancelled = run.view.activity === 'cancelling'
      if (!cancelled) run.view.error = run.view.error ?? error
      this.setState(run, cancelled ? 'cancelled' : 'failed', null)
    }
    this.resolveWaiters(run, true)
    if (TERMINAL.has(run.view.state)) this.forget(run)
  }

  private forget(run: ManagedRun): void {
    if (run.timer) clearTimeout(run.timer)
    run.timer = null
    if (this.runs.get(run.view.file) === run) this.runs.delete(run.view.file)
    this.resolveWaiters(run, true)
  }

  private setState(run: ManagedRun, state: ActiveRunState, activity?: string | null): void {
    // A step update still waiting for its throttle slot goes out first, so a fast run still shows its growth.
    if (run.timer && run.view.state !== state) this.flush(run)
    run.view.state = state
    if (activity !== undefined) run.view.activity = activity
    if (AT_REST.has(state)) run.view.activity = null
    this.flush(run)
    this.resolveWaiters(run, false)
  }

  private until(run: ManagedRun, done: (state: ActiveRunState) => boolean): Promise<void> {
    if (done(run.view.state)) return Promise.resolve()
    return new Promise((resolve) => run.waiters.push({ until: done, resolve }))
  }

  private resolveWaiters(run: ManagedRun, all: boolean): void {
    const waiting = run.waiters
    run.waiters = []
    for (const waiter of waiting) {
      if (all || waiter.until(run.view.state)) waiter.resolve()
      else run.waiters.push(waiter)
    }
  }

  private emitThrottled(run: ManagedRun): void {
    const wait = run.lastEmit + EVENT_INTERVAL_MS - Date.now()
    if (wait <= 0) return this.flush(run)
    run.timer ??= setTimeout(() => this.flush(run), wait)
  }

  private flush(run: ManagedRun): void {
    if (run.timer) clearTimeout(run.timer)
    run.timer = null
    run.lastEmit = Date.now()
    const steps = run.pendingSteps
    run.pendingSteps = []
    try {
      if (steps.length) this.options.emitSteps?.(run.view.file, run.view.runId, steps, run.view.stepCount)
      this.options.emit({ ...run.view })
    } catch (error) {
      this.options.log(`opentine: agent event failed: ${messageOf(error)}`)
    }
  }
}
