import { useStore, type ReactFlowState } from '@xyflow/react'
import { dotGridPlacement } from './dot-grid'

const transformOf = (state: ReactFlowState) => state.transform

/** The dotted background of a graph, in place of React Flow's Background (see dot-grid.ts). */
export function DotGrid({ gap, size }: { gap: number; size: number }) {
  const { visible, period, radius, offsetX, offsetY, scale } = dotGridPlacement(useStore(transformOf), gap, size)
  if (!visible) return null
  return (
    <div
      className="dot-grid"
      data-testid="dot-grid"
      aria-hidden="true"
      style={{
        // Scaled by at least 1, so the pane and two periods always cover it.
        width: `calc(100% + ${2 * period}px)`,
        height: `calc(100% + ${2 * period}px)`,
        backgroundSize: `${period}px ${period}px`,
        backgroundImage: `radial-gradient(circle, var(--dot-grid-color) ${radius}px, transparent ${radius + 0.5}px)`,
        transform: `translate(${offsetX}px, ${offsetY}px) scale(${scale})`
      }}
    />
  )
}
