/** The run as a collapsible tree (see outline-model.ts), virtualised; a click selects the step everywhere. */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { KindIcon } from '../graph/KindIcon'
import { kindStyle } from '../graph/kinds'
import { formatCost, formatDuration } from '../lib/format'
import { selectSelectedStepId } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { outlineRows, outlineTree } from './outline-model'

const ROW_HEIGHT = 26

export function Outline({ run }: { run: RunView }) {
  const scroller = useRef<HTMLDivElement>(null)
  const selected = useTine(selectSelectedStepId)
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set())
  const tree = useMemo(() => outlineTree(run.steps), [run.steps])
  const rows = useMemo(() => outlineRows(tree, folded), [tree, folded])
  const rowOf = useMemo(() => {
    const map = new Map<string, number>()
    rows.forEach((row, at) => map.set(run.steps[row.index].id, at))
    return map
  }, [rows, run.steps])
  const list = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  })

  useEffect(() => {
    const at = selected ? rowOf.get(selected) : undefined
    if (at !== undefined) list.scrollToIndex(at, { align: 'auto' })
  }, [selected, rowOf, list])

  const toggle = (index: number) =>
    setFolded((current) => {
      const next = new Set(current)
      if (next.has(index)) next.delete(index)
      else next.add(index)
      return next
    })

  return (
    <div className="outline" data-testid="outline">
      <div ref={scroller} className="view-scroll" role="tree" aria-label="Run outline">
        <div style={{ height: list.getTotalSize(), position: 'relative' }}>
          {list.getVirtualItems().map((item) => {
            const row = rows[item.index]
            const step = run.steps[row.index]
            const isFolded = folded.has(row.index)
            return (
              <div
                key={step.id}
                role="treeitem"
                aria-selected={step.id === selected}
                aria-expanded={row.foldable ? !isFolded : undefined}
                className={step.id === selected ? 'outline-row selected' : 'outline-row'}
                data-testid={`outline-row-${step.id}`}
                style={{ transform: `translateY(${item.start}px)`, paddingLeft: 8 + row.depth * 16 }}
                onClick={() => {
                  tineStore.getState().selectStep(step.id)
                  tineStore.getState().setSidePanel('step')
                }}
              >
                {row.foldable ? (
                  <button
                    type="button"
                    className="outline-toggle"
                    aria-label={isFolded ? 'Unfold this branch' : 'Fold this branch'}
                    onClick={(event) => {
                      event.stopPropagation()
                      toggle(row.index)
                    }}
                  >
                    {isFolded ? '▸' : '▾'}
                  </button>
                ) : (
                  <span className="outline-toggle" />
                )}
                <span style={{ color: `var(${kindStyle(step.isError ? 'error' : step.kind).colorVar})` }}>
                  <KindIcon kind={step.isError ? 'error' : step.kind} />
                </span>
                <span className="outline-index">#{step.index}</span>
                <span className="outline-label">{step.label || step.kind}</span>
                {row.branches > 0 && (
                  <span className="badge tone-neutral">
                    {row.branches === 1 ? '1 branch' : `${row.branches} branches`}
                  </span>
                )}
                <span className="outline-meta">
                  {formatCost(step.cost)} · {formatDuration(step.duration)}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
