/** Shortens a long name in the middle, so both its start and its extension stay readable. */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 1) return '…'
  const tail = Math.floor((max - 1) / 2)
  const head = max - 1 - tail
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`
}
