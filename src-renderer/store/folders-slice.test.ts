import { describe, expect, it } from 'vitest'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { foldersAfterOpen } from './folders-slice'
import { createTineStore } from './store'

function row(file: string, integrity: RunListItem['integrity']): RunListItem {
  return {
    file,
    run_id: file,
    model: '',
    status: 'completed',
    steps: 1,
    cost: 0,
    created_at: 0,
    mtime: 0,
    format_version: 2,
    tags: [],
    text: '',
    unreadable: false,
    integrity,
    signature: 'unsigned',
    forkedFrom: null,
    forkPoint: null
  }
}

describe('the background check of a quickly listed folder', () => {
  it('replaces checked rows in batches and tracks progress until done', () => {
    const store = createTineStore()
    const snapshot: FolderSnapshot = {
      folder: '/f',
      singleFile: null,
      runs: [row('/f/a.tine', 'checking'), row('/f/b.tine', 'checking')],
      watchMode: 'events'
    }
    store.getState().setFolders([snapshot])
    store
      .getState()
      .applyFolderEvent({ kind: 'verify', folder: '/f', done: 1, total: 2, runs: [row('/f/a.tine', 'ok')] })
    expect(store.getState().folders[0].runs.map((run) => run.integrity)).toEqual(['ok', 'checking'])
    expect(store.getState().verifying['/f']).toEqual({ done: 1, total: 2 })
    store
      .getState()
      .applyFolderEvent({ kind: 'verify', folder: '/f', done: 2, total: 2, runs: [row('/f/b.tine', 'mismatch')] })
    expect(store.getState().folders[0].runs.map((run) => run.integrity)).toEqual(['ok', 'mismatch'])
    expect(store.getState().verifying['/f']).toBeUndefined()
  })
})

describe('the list after an open', () => {
  const snapshot = (folder: string, singleFile: string | null, files: string[]): FolderSnapshot => ({
    folder,
    singleFile,
    runs: files.map((file) => row(file, 'ok')),
    watchMode: 'events'
  })

  it('replaces the opened folder in place, adds a new one at the end, and drops a single file it now covers', () => {
    const before = [
      snapshot('/a', null, ['one.tine']),
      snapshot('/b/sub', '/b/sub/lone.tine', ['lone.tine']),
      snapshot('/c', '/c/kept.tine', ['kept.tine'])
    ]
    const after = foldersAfterOpen(before, [
      snapshot('/a', null, ['one.tine', 'two.tine']),
      snapshot('/b', null, ['x.tine'])
    ])
    expect(after.map((entry) => [entry.folder, entry.singleFile, entry.runs.length])).toEqual([
      ['/a', null, 2],
      ['/c', '/c/kept.tine', 1],
      ['/b', null, 1]
    ])
    // A folder whose name only starts like another's does not cover its files.
    expect(foldersAfterOpen([snapshot('/ab', '/ab/lone.tine', [])], [snapshot('/a', null, [])])).toHaveLength(2)
    // A Windows path is covered by its folder too.
    expect(foldersAfterOpen([snapshot('C:\\r', 'C:\\r\\lone.tine', [])], [snapshot('C:\\r', null, [])])).toHaveLength(1)
  })
})
