/**
 * Layouts of the runs being compared, kept across re-requests of the same diff (the tool-calls-only
 * toggle, a swap of sides) so a 15,900-step graph is laid out once, not on every toggle.
 */
import type { RunGraph } from '../graph/build-run-graph'
import { requestLayout } from '../graph/layout-client'
import type { Point } from '../graph/layout-types'

const KEEP = 4
const cache = new Map<string, Map<string, Point>>()
const inFlight = new Map<string, Promise<Map<string, Point>>>()

function keyOf(file: string, graph: RunGraph): string {
  return `${file}\n${graph.structureKey}`
}

export function cachedLayout(file: string, graph: RunGraph): Map<string, Point> | undefined {
  return cache.get(keyOf(file, graph))
}

export function layoutFor(file: string, graph: RunGraph): Promise<Map<string, Point>> {
  const key = keyOf(file, graph)
  const hit = cache.get(key)
  if (hit) return Promise.resolve(hit)
  const pending = inFlight.get(key)
  if (pending) return pending
  const request = requestLayout(graph.layout)
    .then((outcome) => {
      cache.set(key, outcome.positions)
      while (cache.size > KEEP) cache.delete(cache.keys().next().value as string)
      return outcome.positions
    })
    .finally(() => inFlight.delete(key))
  inFlight.set(key, request)
  return request
}
