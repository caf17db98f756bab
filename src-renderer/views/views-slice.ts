/** Which view of the open run is shown, how it is coloured, and the graph's overlays the user can hide. */
import type { SliceCreator } from '../store/types'
import type { HeatMetric } from './heat'

export type RunViewKind = 'graph' | 'timeline' | 'outline' | 'table'
export const RUN_VIEW_KINDS: RunViewKind[] = ['graph', 'timeline', 'outline', 'table']

const MINIMAP_KEY = 'tine_minimap_hidden'

export interface ViewsSlice {
  runViewKind: RunViewKind
  heat: HeatMetric
  minimapHidden: boolean
  legendOpen: boolean
  hottestOpen: boolean
  setRunViewKind(kind: RunViewKind): void
  setHeat(metric: HeatMetric): void
  setMinimapHidden(hidden: boolean): void
  setLegendOpen(open: boolean): void
  setHottestOpen(open: boolean): void
}

export function loadMinimapHidden(): boolean {
  try {
    return localStorage.getItem(MINIMAP_KEY) === 'true'
  } catch {
    return false
  }
}

function saveMinimapHidden(hidden: boolean): void {
  try {
    localStorage.setItem(MINIMAP_KEY, String(hidden))
  } catch {
    // Not remembered across reloads; harmless.
  }
}

export const createViewsSlice: SliceCreator<ViewsSlice> = (set) => ({
  runViewKind: 'graph',
  heat: 'off',
  minimapHidden: loadMinimapHidden(),
  legendOpen: false,
  hottestOpen: false,
  setRunViewKind: (runViewKind) => set({ runViewKind }),
  setHeat: (heat) => set({ heat }),
  setMinimapHidden: (minimapHidden) => {
    saveMinimapHidden(minimapHidden)
    set({ minimapHidden })
  },
  setLegendOpen: (legendOpen) => set({ legendOpen }),
  setHottestOpen: (hottestOpen) => set({ hottestOpen })
})
