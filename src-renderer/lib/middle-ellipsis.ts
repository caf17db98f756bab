import { visibleText } from '../../src-shared/api/visible-text'

/**
 * Shortens a long name in the middle, so both its start and its extension stay readable. Invisible
 * format characters (bidi overrides) are shown escaped first, so a name cannot pose as another.
 */
export function middleEllipsis(name: string, max: number): string {
  const text = visibleText(name)
  if (text.length <= max) return text
  if (max <= 1) return '…'
  const tail = Math.floor((max - 1) / 2)
  const head = max - 1 - tail
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`
}
