import { describe, expect, it } from 'vitest'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { buildRunList } from '../store/run-list'
import { checkProgressOfRows, listEntries, NO_MATCH } from './run-rows'

function item(file: string, extra: Partial<RunListItem> = {}): RunListItem {
  return {
    file,
    run_id: file,
    model: 'm',
    status: 'completed',
    steps: 1,
    cost: 0,
    created_at: 10,
    mtime: 10,
    format_version: 2,
    tags: [],
    text: file,
    unreadable: false,
    integrity: 'ok',
    signature: 'unsigned',
    forkedFrom: null,
    ...extra
  }
}

const folders: FolderSnapshot[] = [
  {
    folder: '/a',
    singleFile: null,
    watchMode: 'events',
    runs: [
      item('alpha.tine'),
      item('fork1.tine', { forkedFrom: 'x', forkPoint: 'p', branch: 'main' }),
      item('fork2.tine', { forkedFrom: 'x', forkPoint: 'p', branch: 'main' })
    ]
  },
  { folder: '/b', singleFile: null, watchMode: 'events', runs: [item('beta.tine')] }
]

describe('listEntries', () => {
  it('shows only folders with matches while searching, and one "no match" line at most', () => {
    const some = listEntries(buildRunList(folders, 'beta'), true)
    expect(some.map((entry) => entry.type)).toEqual(['header', 'row'])
    const none = listEntries(buildRunList(folders, 'nothing-like-this'), true)
    expect(none.filter((entry) => entry.type === 'hint')).toEqual([{ type: 'hint', key: 'no-match', text: NO_MATCH }])
    expect(none.filter((entry) => entry.type === 'header')).toHaveLength(0)
  })

  it('marks two forks of the same step in the same branch as twins', () => {
    const rows = listEntries(buildRunList(folders, ''), false).filter((entry) => entry.type === 'row')
    expect(
      rows.filter((row) => row.type === 'row' && row.twin).map((row) => (row.type === 'row' ? row.run.file : ''))
    ).toEqual(['fork1.tine', 'fork2.tine'])
  })
})

describe('checkProgressOfRows', () => {
  it('counts the rows still checking, and is null once none is', () => {
    const rows = [item('/a/1'), item('/a/2', { integrity: 'checking' }), item('/a/3', { integrity: 'checking' })]
    expect(checkProgressOfRows(rows)).toEqual({ done: 1, total: 3 })
    expect(checkProgressOfRows([item('/a/1'), item('/a/2', { integrity: 'mismatch' })])).toBeNull()
    expect(checkProgressOfRows([])).toBeNull()
  })
})
