/**
 * The graph's last positions per file, for exporting what the user sees; and, inside an exported
 * page, the positions it carries, so the page lays nothing out (it has no worker and needs none).
 */
import type { Point } from './layout-types'

const byFile = new Map<string, Map<string, Point>>()
let embedded: Record<string, [number, number]>[] = []

export function rememberPlacement(file: string, positions: Map<string, Point>): void {
  byFile.clear()
  byFile.set(file, positions)
}

export function placementOf(file: string): Map<string, Point> | null {
  return byFile.get(file) ?? null
}

export function setEmbeddedPlacements(records: Record<string, [number, number]>[]): void {
  embedded = records
}

/** Positions for exactly these ids, when an exported page carries them. */
export function embeddedPlacement(ids: readonly string[]): Map<string, Point> | null {
  for (const record of embedded) {
    if (!ids.every((id) => id in record)) continue
    const positions = new Map<string, Point>()
    for (const id of ids) positions.set(id, { x: record[id][0], y: record[id][1] })
    return positions
  }
  return null
}
