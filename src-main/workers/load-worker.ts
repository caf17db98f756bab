/**
 * Entry of a load worker thread: answers LoadRequests with RunLoader. Bundled as its own entry
 * (out/main/load-worker.js); under tsx it is started through load-worker-tsx.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { LoadError } from '../store/load-error'
import { RunLoader, type LoadRequest, type RunLoaderOptions } from './load-task'
import { jsonTextOf } from './wire-json'
import { messageOf } from '../../src-shared/tine/errors'

export interface WorkerRequestMessage {
  id: number
  request: LoadRequest
}

export type WorkerReplyMessage =
  | { ready: true }
  /** Results travel as JSON text: for a 100,000-step view that is several times cheaper than a structured clone. */
  | { id: number; ok: true; json: string; reads: number }
  | { id: number; ok: false; error: { code: string; message: string }; reads: number }

const port = parentPort
if (!port) throw new Error('load-worker must run in a worker thread')
const loader = new RunLoader((workerData as { loader?: RunLoaderOptions } | null)?.loader)

port.on('message', (message: WorkerRequestMessage) => {
  loader.handle(message.request).then(
    (result) =>
      port.postMessage({
        id: message.id,
        ok: true,
        json: jsonTextOf(result),
        reads: loader.reads
      } satisfies WorkerReplyMessage),
    (error: unknown) => {
      const code = error instanceof LoadError ? error.code : 'unreadable'
      const text = messageOf(error)
      port.postMessage({
        id: message.id,
        ok: false,
        error: { code, message: text },
        reads: loader.reads
      } satisfies WorkerReplyMessage)
    }
  )
})
port.postMessage({ ready: true } satisfies WorkerReplyMessage)
