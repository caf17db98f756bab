/** Every step in a sortable, filterable table (virtualised); rows select the step in every view. */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { formatCost, formatDuration, formatTokens } from '../lib/format'
import { selectSelectedStepId } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { tableRows, type TableColumn, type TableSort } from './table-model'

const ROW_HEIGHT = 26

const COLUMNS: { id: TableColumn; label: string; numeric?: boolean }[] = [
  { id: 'index', label: '#', numeric: true },
  { id: 'kind', label: 'kind' },
  { id: 'label', label: 'label' },
  { id: 'model', label: 'model' },
  { id: 'cost', label: 'cost', numeric: true },
  { id: 'tokens', label: 'tokens', numeric: true },
  { id: 'duration', label: 'duration', numeric: true },
  { id: 'error', label: 'error' }
]

export function StepTable({ run }: { run: RunView }) {
  const scroller = useRef<HTMLDivElement>(null)
  const selected = useTine(selectSelectedStepId)
  const [filter, setFilter] = useState('')
  const [errorsOnly, setErrorsOnly] = useState(false)
  const [sort, setSort] = useState<TableSort>({ column: 'index', descending: false })
  const rows = useMemo(() => tableRows(run.steps, filter, errorsOnly, sort), [run.steps, filter, errorsOnly, sort])
  const list = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  })

  useEffect(() => {
    const at = selected ? rows.findIndex((step) => step.id === selected) : -1
    if (at >= 0) list.scrollToIndex(at, { align: 'auto' })
  }, [selected, rows, list])

  const sortBy = (column: TableColumn) =>
    setSort((current) =>
      current.column === column
        ? { column, descending: !current.descending }
        : { column, descending: COLUMNS.find((c) => c.id === column)?.numeric === true }
    )

  return (
    <div className="step-table" data-testid="step-table">
      <div className="step-table-tools" onKeyDown={(event) => event.stopPropagation()}>
        <input
          type="search"
          placeholder="Filter steps…"
          aria-label="Filter steps by label, kind, model or id"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="step-table-filter"
        />
        <label>
          <input
            type="checkbox"
            checked={errorsOnly}
            onChange={(event) => setErrorsOnly(event.target.checked)}
            data-testid="step-table-errors"
          />{' '}
          errors only
        </label>
        <span className="muted" data-testid="step-table-count">
          {rows.length.toLocaleString('en-US')} of {run.steps.length.toLocaleString('en-US')} steps
        </span>
      </div>
      <div className="step-table-grid step-table-head" role="row">
        {COLUMNS.map((column) => (
          <button
            key={column.id}
            type="button"
            role="columnheader"
            className={column.numeric ? 'numeric' : undefined}
            aria-sort={sort.column === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            onClick={() => sortBy(column.id)}
            data-testid={`step-table-sort-${column.id}`}
          >
            {column.label}
            {sort.column === column.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div ref={scroller} className="view-scroll" role="grid" aria-label="Steps">
        {rows.length === 0 && <p className="empty-hint small">No step matches.</p>}
        <div style={{ height: list.getTotalSize(), position: 'relative' }}>
          {list.getVirtualItems().map((item) => {
            const step = rows[item.index]
            return (
              <div
                key={step.id}
                role="row"
                aria-selected={step.id === selected}
                className={[
                  'step-table-grid',
                  'step-table-row',
                  step.id === selected ? 'selected' : '',
                  step.isError ? 'is-error' : ''
                ].join(' ')}
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid={`step-table-row-${step.id}`}
                onClick={() => {
                  tineStore.getState().selectStep(step.id)
                  tineStore.getState().setSidePanel('step')
                }}
              >
                <span className="numeric">{step.index}</span>
                <span>{step.kind}</span>
                <span className="cell-label" title={step.label}>
                  {step.label}
                </span>
                <span>{step.model}</span>
                <span className="numeric">{formatCost(step.cost)}</span>
                <span className="numeric">{formatTokens(step.tokens ?? 0)}</span>
                <span className="numeric">{formatDuration(step.duration)}</span>
                <span>{step.isError ? 'error' : ''}</span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
