/**
 * Starts an agent run in its own process, so a hung provider or a crashing tool never freezes
 * the window or the CLI. The child reports every completed step; the parent can pause or
 * cancel it, and a child whose parent goes away stops itself (see runner-main.ts). Children
 * still alive when this process exits get SIGTERM.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildMessage, ParentMessage, RunnerOptions, RunnerOutcome } from './protocol'

export interface RunnerLaunch {
  /** Working directory of the child (relative paths in the options resolve against it). */
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Called for every message, in order. */
  onMessage?: (message: ChildMessage) => void
  /** The child's stderr, line by line (default: discarded). */
  onStderr?: (text: string) => void
}

export interface RunnerHandle {
  readonly pid: number | undefined
  /** Resolves when the child exits: its last outcome, or rejects with its error. */
  readonly done: Promise<RunnerOutcome>
  pause(): void
  cancel(): void
  /** Hard stop (SIGKILL); completed steps are on disk already. */
  kill(signal?: NodeJS.Signals): void
}

const HERE = path.dirname(fileURLToPath(import.meta.url))
const live = new Set<RunnerProcess>()
let exitHookInstalled = false

/** The file that runs runner-main: the bundled .js when built, else the .ts through tsx. */
export function runnerEntry(): string {
  const bundled = path.join(HERE, 'runner-main.js')
  return existsSync(bundled) ? bundled : path.join(HERE, 'runner-boot.mjs')
}

/**
 * What the runner needs of a child process. The CLI forks plain Node (child_process); the
 * Electron app injects a utilityProcess (see src-main/electron/utility-runner.ts), because
 * forking the app's own binary as node stops working once its RunAsNode fuse is off.
 */
export interface RunnerProcess {
  readonly pid: number | undefined
  readonly stderr: NodeJS.ReadableStream | null
  send(message: ParentMessage): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void
  onError(listener: (error: Error) => void): void
  /** True until the process has exited. */
  running(): boolean
  kill(signal: NodeJS.Signals): void
}

export type SpawnRunner = (entry: string, launch: { cwd?: string; env: NodeJS.ProcessEnv }) => RunnerProcess

export function forkNodeRunner(entry: string, launch: { cwd?: string; env: NodeJS.ProcessEnv }): RunnerProcess {
  const env = { ...launch.env }
  // Inside Electron the executable is the app; this makes it behave as plain node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1'
  const child: ChildProcess = fork(entry, [], {
    cwd: launch.cwd,
    env,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json'
  })
  return {
    get pid() {
      return child.pid
    },
    stderr: child.stderr,
    send: (message) => {
      if (child.connected) child.send(message)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    onError: (listener) => child.on('error', listener),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: (signal) => child.kill(signal)
  }
}

export function startRunner(
  options: RunnerOptions,
  launch: RunnerLaunch = {},
  spawn: SpawnRunner = forkNodeRunner
): RunnerHandle {
  installExitHook()
  const child = spawn(runnerEntry(), { cwd: launch.cwd, env: { ...(launch.env ?? process.env) } })
  live.add(child)
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
    launch.onStderr?.(chunk)
  })

  let outcome: RunnerOutcome | undefined
  let failure: string | undefined
  child.onMessage((raw) => {
    const message = raw as ChildMessage
    if (message.type === 'finished' || message.type === 'paused') outcome = stripType(message)
    if (message.type === 'error') failure = message.message
    launch.onMessage?.(message)
  })

  const done = new Promise<RunnerOutcome>((resolve, reject) => {
    child.onError((error) => {
      failure ??= error.message
    })
    child.onExit((code, signal) => {
      live.delete(child)
      if (outcome) resolve(outcome)
      else if (failure) reject(new Error(failure))
      else {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`
        const detail = lastLine(stderr)
        reject(new Error(`the runner ${why}${detail ? `: ${detail}` : ''}`))
      }
    })
  })
  // The caller may only care about messages; an unobserved rejection must not crash it.
  done.catch(() => undefined)

  child.send({ type: 'start', options })
  return {
    get pid() {
      return child.pid
    },
    done,
    pause: () => child.send({ type: 'pause' }),
    cancel: () => child.send({ type: 'cancel' }),
    kill: (signal = 'SIGKILL') => {
      if (child.running()) child.kill(signal)
    }
  }
}

function stripType(message: RunnerOutcome & { type: string }): RunnerOutcome {
  const { type: _type, ...outcome } = message
  return outcome
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  return lines[lines.length - 1]?.trim() ?? ''
}

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    // SIGTERM lets the child cancel and settle its file; the journal covers it even if it cannot.
    for (const child of live) child.kill('SIGTERM')
  })
}
