/** "Fit view" for a windowed graph: the caller fits every step, not only those React Flow holds. */
import { ControlButton } from '@xyflow/react'

export function FitAllButton({ onClick }: { onClick: () => void }) {
  return (
    <ControlButton className="react-flow__controls-fitview" onClick={onClick} title="Fit view" aria-label="Fit view">
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
    </ControlButton>
  )
}
