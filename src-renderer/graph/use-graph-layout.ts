/**
 * Positions for a run's graph, asked for only when its structure changes: a status or cost
 * change moves nothing, and a result that arrives after the run or its structure moved on is
 * dropped. Until the new structure is laid out, the positions of the previous one for the same
 * file stay available, so a live run keeps its nodes in place while new ones are placed.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RunGraph } from './build-run-graph'
import type { Point } from './layout-types'

export interface GraphLayoutOptions<Outcome extends { positions: Map<string, Point> }> {
  request(file: string, graph: RunGraph): Promise<Outcome>
  /** Positions already known for this graph: used at once, with no request. */
  cached?(file: string, graph: RunGraph): Map<string, Point> | undefined
  onStart?(graph: RunGraph): void
  onDone?(outcome: Outcome, file: string): void
  onError?(message: string): void
}

/**
 * One layout result. A new object per result even when the positions map is the same one grown
 * in place (extending a layout adds to its map), so it is what memos and effects depend on.
 */
export interface LaidOut {
  file: string
  key: string
  positions: Map<string, Point>
}

export interface GraphLayout {
  /** The latest result for this file, possibly of an earlier structure (see `done`). */
  laidOut: LaidOut | null
  /** The result is that of the graph's current structure. */
  done: boolean
  error: string | null
}

export function useGraphLayout<Outcome extends { positions: Map<string, Point> }>(
  file: string,
  graph: RunGraph,
  options: GraphLayoutOptions<Outcome>
): GraphLayout {
  const { cached } = options
  const hit = useMemo(() => cached?.(file, graph), [cached, file, graph])
  const [placement, setPlacement] = useState<LaidOut | null>(null)
  const [failure, setFailure] = useState<{ file: string; key: string; message: string } | null>(null)
  // The effect below runs per structure, not per graph object; it reads the latest of both here.
  const latest = useRef({ graph, options, hit })
  useLayoutEffect(() => {
    latest.current = { graph, options, hit }
  })

  const key = graph.structureKey
  useEffect(() => {
    const { graph: current, options: now, hit: known } = latest.current
    if (known) return
    let cancelled = false
    now.onStart?.(current)
    now.request(file, current).then(
      (outcome) => {
        if (cancelled) return
        setPlacement({ file, key, positions: outcome.positions })
        latest.current.options.onDone?.(outcome, file)
      },
      (error: unknown) => {
        if (cancelled) return
        const message = error instanceof Error ? error.message : String(error)
        setFailure({ file, key, message })
        latest.current.options.onError?.(message)
      }
    )
    return () => {
      cancelled = true
    }
  }, [file, key, hit])

  const known = useMemo(() => (hit ? { file, key, positions: hit } : null), [file, key, hit])
  if (known) return { laidOut: known, done: true, error: null }
  const own = placement && placement.file === file ? placement : null
  return {
    laidOut: own,
    done: own !== null && own.key === key,
    error: failure && failure.file === file && failure.key === key ? failure.message : null
  }
}
