/**
 * Agent runners as Electron utility processes. Forking the app's own binary with
 * ELECTRON_RUN_AS_NODE stops working once the packaged app's RunAsNode fuse is off; a utility
 * process is Electron's supported way to run Node code in a child, and it dies with the app.
 */
import type { UtilityProcess } from 'electron'
import { startRunner, type RunnerProcess, type SpawnRunner } from '../agents/runner/controller'
import type { StartRunner } from '../agents/runner/run-manager'

type ForkUtility = (modulePath: string, args: string[], options: Electron.ForkOptions) => UtilityProcess

export function utilitySpawner(forkUtility: ForkUtility): SpawnRunner {
  return (entry, launch) => {
    const child = forkUtility(entry, [], {
      cwd: launch.cwd,
      env: launch.env,
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'opentine agent runner'
    })
    let exited = false
    child.once('exit', () => {
      exited = true
    })
    return {
      get pid() {
        return child.pid
      },
      stderr: child.stderr,
      // Messages sent before 'spawn' are queued by Electron and delivered once the child runs.
      send: (message) => {
        if (!exited) child.postMessage(message)
      },
      onMessage: (listener) => child.on('message', listener),
      // A utility process reports only an exit code; a kill shows as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener(code, null)),
      onError: (listener) =>
        child.on('error', (type: string, location: string) => listener(new Error(`${type} at ${location}`))),
      running: () => !exited,
      kill: () => {
        if (!exited) child.kill()
      }
    } satisfies RunnerProcess
  }
}

export function utilityRunnerStarter(forkUtility: ForkUtility): StartRunner {
  const spawn = utilitySpawner(forkUtility)
  return (options, launch) => startRunner(options, launch, spawn)
}
