/** Shown above the run list while more than one run is picked: compare exactly two, or clear. */
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import { orderPair } from '../diff/compare-target'

export function CompareSelectedBar({ visibleFiles }: { visibleFiles: ReadonlySet<string> }) {
  const picked = useTine((state) => state.compareSelection).filter((file) => visibleFiles.has(file))
  const folders = useTine((state) => state.folders)
  const calls = useCalls()
  if (picked.length < 2) return null
  const ready = picked.length === 2
  return (
    <div className="compare-bar" data-testid="compare-bar">
      <span>{picked.length} runs picked</span>
      <button
        type="button"
        className="primary"
        data-testid="compare-selected"
        disabled={!ready}
        title={ready ? 'Open the two runs side by side' : 'Pick exactly two runs to compare'}
        onClick={() => {
          const pair = orderPair(picked[0], picked[1], folders)
          calls.compareRuns(pair.fileA, pair.fileB)
        }}
      >
        Compare selected
      </button>
      <button
        type="button"
        className="link-button"
        data-testid="compare-clear"
        onClick={() => tineStore.getState().setCompareSelection([], null)}
      >
        clear
      </button>
    </div>
  )
}
