/** A branch-fork glyph drawn in SVG (the Unicode fork sign is missing from many fonts). */
export function ForkIcon({ size = 12 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M5 2.5v6.5M5 9c0-2.5 6-2 6-5.5M5 9v4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
      <circle cx="5" cy="2.5" r="1.5" fill="currentColor" />
      <circle cx="11" cy="3" r="1.5" fill="currentColor" />
      <circle cx="5" cy="13.5" r="1.5" fill="currentColor" />
    </svg>
  )
}
