/** Asks the layout worker for positions; falls back to the UI thread where workers do not exist (tests). */
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api'
import { chooseAlgorithm, computeLayout } from './layout'
import { extendLayout, placedLayout, type PlacedLayout } from './layout-extend'
import type { LayoutReply, LayoutRequest } from './layout-protocol'
import { positionsById, type LayoutAlgorithm, type LayoutGraph, type Point } from './layout-types'
import { embeddedPlacement } from './placement-cache'

export interface LayoutOutcome {
  positions: Map<string, Point>
  algorithm: LayoutAlgorithm
  millis: number
}

let worker: Worker | null = null
let nextRequestId = 1
const pending = new Map<number, (reply: LayoutReply) => void>()

function layoutWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      const resolve = pending.get(event.data.requestId)
      pending.delete(event.data.requestId)
      resolve?.(event.data)
    }
    worker.onerror = (event) => {
      const message = event.message || 'the layout worker failed'
      for (const [requestId, resolve] of pending) resolve({ requestId, ok: false, error: message })
      pending.clear()
      worker?.terminate()
      worker = null
    }
  }
  return worker
}

/** Starts the worker ahead of the first layout, so its script is parsed while the run is still loading. */
export function warmLayoutWorker(): void {
  layoutWorker()
}

async function inlineElk(): Promise<ElkEngine> {
  // Every browser and Electron has workers; only the unit tests' DOM lacks them. Keeping this import
  // out of the built app keeps elk's 2.6 MB bundle to one copy, the worker's.
  if (import.meta.env.PROD) throw new Error('layout needs Web Workers, which this environment lacks')
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  return new ELK()
}

/** The last layout computed, which steps appended to the same graph extend instead of starting over. */
let lastPlaced: { layout: PlacedLayout; algorithm: LayoutAlgorithm } | null = null

function remember(graph: LayoutGraph, outcome: LayoutOutcome): LayoutOutcome {
  lastPlaced = { layout: placedLayout(graph, outcome.positions), algorithm: outcome.algorithm }
  return outcome
}

export async function requestLayout(graph: LayoutGraph): Promise<LayoutOutcome> {
  const started = performance.now()
  const extended = lastPlaced ? extendLayout(lastPlaced.layout, graph) : null
  if (extended && lastPlaced) {
    lastPlaced = { layout: extended, algorithm: lastPlaced.algorithm }
    return { positions: extended.positions, algorithm: lastPlaced.algorithm, millis: performance.now() - started }
  }
  // A live step may grow the graph's arrays in place while the layout runs: lay out what is there now.
  const snapshot = { ids: graph.ids.slice(), parents: graph.parents.slice() }
  return remember(snapshot, await fullLayout(snapshot, started))
}

async function fullLayout(graph: LayoutGraph, started: number): Promise<LayoutOutcome> {
  const algorithm = chooseAlgorithm(graph.ids.length)
  const carried = embeddedPlacement(graph.ids)
  if (carried) return { positions: carried, algorithm, millis: 0 }
  const target = layoutWorker()
  if (!target) {
    const coordinates = await computeLayout(graph, algorithm, inlineElk)
    return { positions: positionsById(graph, coordinates), algorithm, millis: performance.now() - started }
  }
  const requestId = nextRequestId++
  const reply = await new Promise<LayoutReply>((resolve) => {
    pending.set(requestId, resolve)
    const request: LayoutRequest = { requestId, graph, algorithm }
    target.postMessage(request)
  })
  if (!reply.ok) throw new Error(`layout failed: ${reply.error}`)
  return { positions: positionsById(graph, { x: reply.x, y: reply.y }), algorithm, millis: performance.now() - started }
}
