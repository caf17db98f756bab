/**
 * The live graph follows new steps: while an agent adds steps, the newest one is brought into view,
 * until the user moves the view themselves (pan, zoom, minimap). Opening another run follows again.
 */
import type { ReactFlowInstance } from '@xyflow/react'
import { useCallback, useEffect, useRef } from 'react'
import type { Point } from './layout-types'
import { nodeCenter } from './placed-nodes'

export interface FollowState {
  file: string | null
  following: boolean
  /** Steps drawn when the view last settled; growth beyond it is what gets followed. */
  steps: number
}

/** A move with an input event is the user's; programmatic moves (fit, focus, follow) carry none. */
export function afterMoveStart(state: FollowState, event: unknown): FollowState {
  return event ? { ...state, following: false } : state
}

/** What to bring into view now that the run has `steps` steps (the newest id last), or null. */
export function stepToFollow(
  state: FollowState,
  file: string,
  steps: number,
  newestId: string | undefined
): { next: FollowState; follow: string | null } {
  if (state.file !== file) return { next: { file, following: true, steps }, follow: null }
  const grew = steps > state.steps
  const next = { ...state, steps }
  return { next, follow: grew && state.following && newestId ? newestId : null }
}

/**
 * Hooks the graph to follow new steps. Returns the handler for React Flow's onMoveStart and whether
 * it follows now (for a data attribute).
 */
export function useFollowNewSteps(
  flow: Pick<ReactFlowInstance, 'getViewport' | 'setCenter'>,
  file: string,
  stepIds: readonly string[],
  positions: Map<string, Point> | null
): { onMoveStart: (event: unknown) => void; stop: () => void; following: () => boolean } {
  const state = useRef<FollowState>({ file: null, following: true, steps: 0 })
  const newest = stepIds[stepIds.length - 1]
  const count = stepIds.length

  useEffect(() => {
    // Laid-out positions are needed; a layout still running for the new structure comes back here.
    if (!positions || (newest !== undefined && !positions.has(newest))) return
    const { next, follow } = stepToFollow(state.current, file, count, newest)
    state.current = next
    const position = follow ? positions.get(follow) : undefined
    if (!position) return
    const center = nodeCenter(position)
    void flow.setCenter(center.x, center.y, { zoom: flow.getViewport().zoom, duration: 200 })
  }, [file, count, newest, positions, flow])

  const onMoveStart = useCallback((event: unknown) => {
    state.current = afterMoveStart(state.current, event)
  }, [])
  // The zoom and fit buttons move the view programmatically, but on the user's say-so.
  const stop = useCallback(() => {
    state.current = afterMoveStart(state.current, 'control')
  }, [])
  return { onMoveStart, stop, following: () => state.current.following }
}
