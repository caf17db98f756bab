/**
 * The runner child process: receives one `start`, runs the agent, reports every completed step,
 * and obeys `pause` and `cancel`. When its parent goes away (IPC disconnect) or it gets SIGTERM,
 * it cancels the run, which settles the file with what completed, and exits.
 */
import type { ChildMessage, ParentMessage } from './protocol'
import { runAgent, type AgentRunControl } from './run-agent'
import { firstLineOf } from '../../../src-shared/tine/errors'

/** How long a cancelled run may take to settle its file before the process exits anyway. */
const STOP_GRACE_MS = 5000

const control: AgentRunControl = {}
let started = false

/** Electron's utilityProcess gives its child a parentPort instead of Node's IPC channel. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort

function send(message: ChildMessage): Promise<void> {
  if (parentPort) {
    parentPort.postMessage(message)
    // postMessage has no delivery callback; a moment lets the last message leave before process.exit.
    return new Promise((resolve) => setTimeout(resolve, 50))
  }
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve()
    process.send(message, undefined, {}, () => resolve())
  })
}

function stop(): void {
  control.agent?.cancel()
  setTimeout(() => process.exit(0), STOP_GRACE_MS).unref()
  // Nothing is running yet: nothing to settle.
  if (!control.agent) process.exit(0)
}

async function start(message: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  try {
    const outcome = await runAgent(message.options, (event) => void send(event), control)
    await send({ type: outcome.status === 'paused' ? 'paused' : 'finished', ...outcome })
    process.exit(0)
  } catch (error) {
    await send({ type: 'error', message: firstLineOf(error) })
    process.exit(1)
  }
}

function onParentMessage(raw: unknown): void {
  const message = raw as ParentMessage
  if (message.type === 'start' && !started) {
    started = true
    void start(message)
  } else if (message.type === 'pause') control.agent?.requestPause()
  else if (message.type === 'cancel') control.agent?.cancel()
}

if (parentPort) parentPort.on('message', (event) => onParentMessage(event.data))
else process.on('message', onParentMessage)
process.on('disconnect', stop)
process.on('SIGTERM', stop)
