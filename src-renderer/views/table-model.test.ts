import { describe, expect, it } from 'vitest'
import type { StepSummary } from '../../src-shared/api/types'
import { tableRows } from './table-model'

const steps: StepSummary[] = [
  {
    id: 'a1',
    parentIds: [],
    kind: 'model',
    label: 'plan the fix',
    model: 'opus',
    cost: 0.02,
    tokens: 900,
    duration: 3,
    timestamp: 1,
    isError: false,
    index: 0
  },
  {
    id: 'b2',
    parentIds: ['a1'],
    kind: 'tool',
    label: 'read_file loader.ts',
    model: '',
    cost: 0,
    tokens: 0,
    duration: 0.2,
    timestamp: 2,
    isError: false,
    index: 1
  },
  {
    id: 'c3',
    parentIds: ['b2'],
    kind: 'error',
    label: 'timeout',
    model: 'opus',
    cost: 0.05,
    tokens: 1200,
    duration: 9,
    timestamp: 3,
    isError: true,
    index: 2
  }
]

describe('tableRows', () => {
  it('sorts by a column either way, ties in graph order', () => {
    expect(tableRows(steps, '', false, { column: 'cost', descending: true }).map((s) => s.id)).toEqual([
      'c3',
      'a1',
      'b2'
    ])
    expect(tableRows(steps, '', false, { column: 'duration', descending: false }).map((s) => s.id)).toEqual([
      'b2',
      'a1',
      'c3'
    ])
    expect(tableRows(steps, '', false, { column: 'kind', descending: false }).map((s) => s.kind)).toEqual([
      'error',
      'model',
      'tool'
    ])
  })

  it('filters by text and by errors', () => {
    expect(tableRows(steps, 'LOADER', false, { column: 'index', descending: false }).map((s) => s.id)).toEqual(['b2'])
    expect(tableRows(steps, 'opus', false, { column: 'index', descending: false }).map((s) => s.id)).toEqual([
      'a1',
      'c3'
    ])
    expect(tableRows(steps, '', true, { column: 'index', descending: false }).map((s) => s.id)).toEqual(['c3'])
  })
})
