/** A small line icon per step kind (inline SVG: no icon font, nothing fetched). */
import { memo } from 'react'
import { kindStyle } from './kinds'

const PATHS: Record<string, string> = {
  think: 'M4 5h12a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-4 3v-3H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
  tool: 'M14.5 3.5a4 4 0 0 0-4.9 5.2L3 15.3 4.7 17l6.6-6.6a4 4 0 0 0 5.2-4.9l-2.4 2.4-2.1-.5-.5-2.1z',
  model:
    'M6 4h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zM8 8h4v4H8zM7 1v3M13 1v3M7 16v3M13 16v3M1 7h3M1 13h3M16 7h3M16 13h3',
  done: 'M3 10.5l4.5 4.5L17 5.5',
  error: 'M10 2.5l8 14H2zM10 8v4M10 14.2v.3',
  other: 'M10 6a4 4 0 1 1 0 8 4 4 0 0 1 0-8z'
}

export const KindIcon = memo(function KindIcon({ kind, size = 14 }: { kind: string; size?: number }) {
  const style = kindStyle(kind)
  return (
    <svg className="kind-icon" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d={PATHS[style.kind]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
})
