import { describe, expect, it } from 'vitest'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
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
