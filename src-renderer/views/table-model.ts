/** The per-step table's rows: filtered by text (label, kind, model, id) or errors only, sorted by a column. */
import type { StepSummary } from '../../src-shared/api/types'

export type TableColumn = 'index' | 'kind' | 'label' | 'model' | 'cost' | 'tokens' | 'duration' | 'error'
export interface TableSort {
  column: TableColumn
  descending: boolean
}

function sortValue(step: StepSummary, column: TableColumn): number | string {
  switch (column) {
    case 'index':
      return step.index
    case 'kind':
      return step.kind
    case 'label':
      return step.label.toLowerCase()
    case 'model':
      return step.model
    case 'cost':
      return step.cost
    case 'tokens':
      return step.tokens ?? 0
    case 'duration':
      return step.duration
    case 'error':
      return step.isError ? 1 : 0
  }
}

export function tableRows(
  steps: readonly StepSummary[],
  filter: string,
  errorsOnly: boolean,
  sort: TableSort
): StepSummary[] {
  const needle = filter.trim().toLowerCase()
  const rows = steps.filter((step) => {
    if (errorsOnly && !step.isError) return false
    if (!needle) return true
    return (
      step.label.toLowerCase().includes(needle) ||
      step.kind.toLowerCase().includes(needle) ||
      step.model.toLowerCase().includes(needle) ||
      step.id.startsWith(needle)
    )
  })
  const direction = sort.descending ? -1 : 1
  return rows.sort((a, b) => {
    const x = sortValue(a, sort.column)
    const y = sortValue(b, sort.column)
    if (x < y) return -direction
    if (x > y) return direction
    return a.index - b.index
  })
}
