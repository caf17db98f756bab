/** "Compare with…": pick the run to diff the open run against. The older run becomes side A. */
import { useMemo, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { useCalls } from '../api/client'
import { formatAge, formatCost, shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'
import { compareCandidates, orderPair } from './compare-target'

export function CompareDialog() {
  const open = useTine((state) => state.compareDialog)
  const run = useTine((state) => state.openRun)
  if (!open || !run) return null
  // Mounted per opening (and per run), so every opening starts with an empty filter.
  return <CompareDialogBody key={run.file} run={run} />
}

function CompareDialogBody({ run }: { run: RunView }) {
  const folders = useTine((state) => state.folders)
  const calls = useCalls()
  const [filter, setFilter] = useState('')
  const candidates = useMemo(() => compareCandidates(run, folders), [run, folders])
  const needle = filter.trim().toLowerCase()
  const shown = needle
    ? candidates.filter(
        ({ item, file }) =>
          item.run_id.toLowerCase().includes(needle) ||
          file.toLowerCase().includes(needle) ||
          item.model.toLowerCase().includes(needle)
      )
    : candidates
  const close = () => tineStore.getState().setCompareDialog(false)
  return (
    <ModalFrame
      testId="compare-dialog"
      title={`Compare ${shortId(run.runId)} with…`}
      className="compare-dialog"
      onClose={close}
    >
      <input
        type="search"
        placeholder="Filter by id, file or model"
        value={filter}
        autoFocus
        onChange={(event) => setFilter(event.target.value)}
        data-testid="compare-filter"
      />
      {shown.length === 0 ? (
        <p className="muted">
          {candidates.length === 0 ? 'No other run is open. Open a folder with more runs first.' : 'No run matches.'}
        </p>
      ) : (
        <ul className="compare-candidates">
          {shown.map(({ item, file }) => {
            const relation =
              item.forkedFrom === run.runId
                ? 'fork of this run'
                : run.forkedFrom === item.run_id
                  ? 'origin of this run'
                  : ''
            return (
              <li key={file}>
                <button
                  type="button"
                  data-testid={`compare-pick-${item.run_id}`}
                  title={file}
                  onClick={() => {
                    const pair = orderPair(run.file, file, folders)
                    calls.compareRuns(pair.fileA, pair.fileB)
                  }}
                >
                  <code>{shortId(item.run_id)}</code> <span className="muted">{baseName(file)}</span>{' '}
                  <span>{item.status}</span>{' '}
                  <span className="muted">
                    {item.steps} steps · {formatCost(item.cost)} · {formatAge(item.created_at)}
                  </span>
                  {relation && <span className="badge tone-neutral">{relation}</span>}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </ModalFrame>
  )
}
