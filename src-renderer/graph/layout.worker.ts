/// <reference lib="webworker" />
/** Lays out runs off the UI thread. */
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api'
import { computeLayout } from './layout'
import type { LayoutReply, LayoutRequest } from './layout-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

async function handle(event: MessageEvent<LayoutRequest>): Promise<void> {
  const { requestId, graph, algorithm } = event.data
  const started = performance.now()
  try {
    const { x, y } = await computeLayout(graph, algorithm, loadElk)
    // elk's bundle, finding itself in a worker, installs its own onmessage on its first layout. Ours is a
    // listener, so it keeps working either way; dropping elk's spares it from seeing our messages.
    scope.onmessage = null
    const reply: LayoutReply = { requestId, ok: true, x, y, millis: performance.now() - started }
    scope.postMessage(reply, [x.buffer, y.buffer])
  } catch (error) {
    const reply: LayoutReply = { requestId, ok: false, error: error instanceof Error ? error.message : String(error) }
    scope.postMessage(reply)
  }
}

let elk: ElkEngine | null = null
// elk is 2.6 MB of script: loaded only when a run small enough for it arrives, so big runs do not wait for it.
async function loadElk(): Promise<ElkEngine> {
  if (elk) return elk
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  elk = new ELK()
  return elk
}

scope.addEventListener('message', (event: MessageEvent<LayoutRequest>) => void handle(event))
