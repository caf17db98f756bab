/// <reference lib="webworker" />
/** Lays out runs off the UI thread. */
import ELK from 'elkjs/lib/elk.bundled.js'
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api'
import { computeLayout } from './layout'
import type { LayoutReply, LayoutRequest } from './layout-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
let elk: ElkEngine | null = null
const loadElk = async (): Promise<ElkEngine> => (elk ??= new ELK())

// Assigned (not added) on purpose: elk's bundle installs its own onmessage when loaded in a worker.
scope.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { requestId, graph, algorithm } = event.data
  const started = performance.now()
  try {
    const { x, y } = await computeLayout(graph, algorithm, loadElk)
    const reply: LayoutReply = { requestId, ok: true, x, y, millis: performance.now() - started }
    scope.postMessage(reply, [x.buffer, y.buffer])
  } catch (error) {
    const reply: LayoutReply = { requestId, ok: false, error: error instanceof Error ? error.message : String(error) }
    scope.postMessage(reply)
  }
}
