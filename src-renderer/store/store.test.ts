import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runListItem, unreadableListItem } from '../../src-shared/api/run-view'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { serializeRun } from '../../src-shared/run/save'
import { createCalls } from '../api/calls'
import { connectPushEvents } from '../api/events'
import { foldersAfterEvent } from './folders-slice'
import { buildRunList, findRunFile, flatRuns, runFilePath } from './run-list'
import { createTineStore } from './store'
import { GUI_RUNS, loadRun, loadView } from '../../e2e/kit/run-files'
import { FakeApi } from '../../e2e/kit/fake-api'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-renderer-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function copyRuns(names: string[]): string[] {
  return names.map((name) => {
    const target = path.join(dir, name)
    copyFileSync(path.join(GUI_RUNS, name), target)
    return target
  })
}

function itemOf(file: string): RunListItem {
  return runListItem(loadRun(file), { file, mtimeMs: 1, size: 1 })
}

describe('folders slice', () => {
  it('adds, replaces and removes runs from push events, leaving other folders alone', () => {
    const [complete, failed] = copyRuns(['demo-complete.tine', 'demo-failed.tine'])
    const other: FolderSnapshot = { folder: '/elsewhere', singleFile: null, runs: [], watchMode: 'events' }
    let folders: FolderSnapshot[] = [
      { folder: dir, singleFile: null, runs: [itemOf(complete)], watchMode: 'events' },
      other
    ]
    folders = foldersAfterEvent(folders, { kind: 'add', folder: dir, file: failed, run: itemOf(failed) })
    expect(folders[0].runs.map((run) => run.file)).toEqual([complete, failed])
    const changed = { ...itemOf(failed), steps: 99 }
    folders = foldersAfterEvent(folders, { kind: 'change', folder: dir, file: failed, run: changed })
    expect(folders[0].runs).toHaveLength(2)
    expect(folders[0].runs[1].steps).toBe(99)
    folders = foldersAfterEvent(folders, { kind: 'unlink', folder: dir, file: complete })
    expect(folders[0].runs.map((run) => run.file)).toEqual([failed])
    expect(folders[1]).toBe(other)
    expect(foldersAfterEvent(folders, { kind: 'unlink', folder: '/not-open', file: 'x' })).toBe(folders)
    expect(foldersAfterEvent(folders, { kind: 'folders', folders: [] })).toEqual([])
  })

  it('marks the list loaded on the first snapshot', () => {
    const store = createTineStore()
    expect(store.getState().foldersLoaded).toBe(false)
    store.getState().setFolders([])
    expect(store.getState().foldersLoaded).toBe(true)
  })
})

describe('run list view', () => {
  const files = ['demo-complete.tine', 'demo-failed.tine', 'demo-paused.tine', 'demo-running.tine']

  function folderWith(extra: RunListItem[] = []): FolderSnapshot {
    const runs = copyRuns(files).map(itemOf)
    return { folder: dir, singleFile: null, runs: [...runs, ...extra], watchMode: 'events' }
  }

  it('filters with the query grammar, newest first, and never matches unreadable files', () => {
    const broken = unreadableListItem(path.join(dir, 'broken.tine'), 5, 'integrity digest mismatch')
    const folder = folderWith([broken])
    const all = buildRunList([folder], '')
    expect(all.error).toBeNull()
    expect(all.shown).toBe(5)
    const readable = flatRuns(all).filter((run) => !run.unreadable)
    expect(readable.map((run) => run.created_at)).toEqual(
      [...readable.map((run) => run.created_at)].sort((a, b) => b - a)
    )
    expect(flatRuns(all).at(-1)?.unreadable).toBe(true)

    const failed = buildRunList([folder], 'status:failed')
    expect(flatRuns(failed).map((run) => run.status)).toEqual(['failed'])
    const expectedPaused = folder.runs.filter((run) => run.status === 'paused' || run.status === 'running').length
    expect(buildRunList([folder], 'status:PAUSED').shown + buildRunList([folder], 'status:running').shown).toBe(
      expectedPaused
    )
    const costly = buildRunList([folder], 'cost:>0.001')
    expect(flatRuns(costly).every((run) => run.cost >= 0.001)).toBe(true)
    expect(flatRuns(buildRunList([folder], 'mismatch')).some((run) => run.unreadable)).toBe(false)
  })

  it('reports a malformed query and leaves the list unfiltered', () => {
    const folder = folderWith()
    const view = buildRunList([folder], 'cost:abc')
    expect(view.error).toMatch(/cost/)
    expect(view.shown).toBe(view.total)
    expect(buildRunList([folder], 'after:2024-13-45').error).toMatch(/date/)
  })

  it('resolves list files and finds runs by id across folders', () => {
    expect(runFilePath('/runs', 'a.tine')).toBe('/runs/a.tine')
    expect(runFilePath('/runs', '/abs/a.tine')).toBe('/abs/a.tine')
    expect(runFilePath('C:\\runs', 'a.tine')).toBe('C:\\runs\\a.tine')
    const folder = folderWith()
    const paused = folder.runs.find((run) => run.status === 'paused') as RunListItem
    expect(findRunFile([folder], paused.run_id)).toBe(runFilePath(dir, paused.file))
    expect(findRunFile([folder], 'no-such-run')).toBeNull()
  })
})

describe('run slice', () => {
  it('keeps the selection and cached step details across a reload of the same file', () => {
    const [file] = copyRuns(['demo-running.tine'])
    const store = createTineStore()
    const view = loadView(file)
    store.getState().beginRunLoad(file)
    expect(store.getState().runState).toBe('loading')
    store.getState().finishRunLoad(view)
    store.getState().selectStep('r3')
    store.getState().setStepDetail(file, { id: 'r3' } as never)
    store.getState().setStepDetail(file, { id: 'r4' } as never)

    // The file grows: a reload arrives; r4 is gone in this version, r3 stays.
    store.getState().beginRunLoad(file)
    expect(store.getState().runState).toBe('ready')
    const grown = { ...view, steps: view.steps.filter((step) => step.id !== 'r4') }
    store.getState().finishRunLoad(grown)
    expect(store.getState().selectedStepId).toBe('r3')
    expect(Object.keys(store.getState().stepDetails)).toEqual(['r3'])
    expect(store.getState().runRevision).toBe(2)

    store.getState().selectStep('r4')
    store.getState().finishRunLoad(grown)
    expect(store.getState().selectedStepId).toBeNull()
  })

  it('keeps a selection made while another file loads (a shared link) only when that run has the step', () => {
    const [first, second] = copyRuns(['demo-running.tine', 'demo-complete.tine'])
    const store = createTineStore()
    store.getState().beginRunLoad(first)
    store.getState().finishRunLoad(loadView(first))
    const view = loadView(second)
    const stepId = view.steps[1].id
    store.getState().beginRunLoad(second)
    store.getState().selectStep(stepId)
    store.getState().finishRunLoad(view)
    expect(store.getState().selectedStepId).toBe(stepId)

    store.getState().beginRunLoad(first)
    store.getState().selectStep(stepId)
    store.getState().finishRunLoad(loadView(first))
    expect(store.getState().selectedStepId).toBeNull()
  })

  it('clears the selection for another file and ignores answers for a file no longer open', () => {
    const [first, second] = copyRuns(['demo-running.tine', 'demo-complete.tine'])
    const store = createTineStore()
    store.getState().beginRunLoad(first)
    store.getState().finishRunLoad(loadView(first))
    store.getState().selectStep('r1')
    store.getState().beginRunLoad(second)
    expect(store.getState().selectedStepId).toBeNull()
    expect(store.getState().openRun).toBeNull()
    store.getState().finishRunLoad(loadView(first))
    expect(store.getState().openRun).toBeNull()
    store.getState().failRunLoad(second, 'digest mismatch')
    expect(store.getState().runState).toBe('error')
    expect(store.getState().runError).toBe('digest mismatch')
  })
})

describe('actions and push events', () => {
  it('loads folders, opens a run, fetches step details once, and opens a fork origin by id', async () => {
    copyRuns(['demo-complete.tine', 'demo-fork-child.tine'])
    const api = new FakeApi([dir])
    const store = createTineStore()
    const calls = createCalls(api, store)
    await calls.loadFolders()
    expect(store.getState().folders[0].runs).toHaveLength(2)
    const child = store.getState().folders[0].runs.find((run) => run.forkedFrom) as RunListItem
    await calls.openRun(runFilePath(dir, child.file))
    const view = store.getState().openRun
    expect(view?.runId).toBe(child.run_id)
    const stepId = view?.steps[0].id as string
    await Promise.all([calls.loadStepDetail(stepId), calls.loadStepDetail(stepId)])
    await calls.loadStepDetail(stepId)
    expect(api.count('runs.step')).toBe(1)
    expect(store.getState().stepDetails[stepId].id).toBe(stepId)
    const originListed = findRunFile(store.getState().folders, child.forkedFrom as string) !== null
    expect(await calls.openRunById(child.forkedFrom as string)).toBe(originListed)
  })

  it('opens a big run before its digest is known, then takes its trust without rebuilding the view', async () => {
    const [file] = copyRuns(['demo-complete.tine'])
    const api = new FakeApi([dir])
    api.digestLater = true
    const store = createTineStore()
    const seen: string[] = []
    store.subscribe((state) => {
      if (state.openRun && seen[seen.length - 1] !== state.openRun.trust.integrity)
        seen.push(state.openRun.trust.integrity)
    })
    await createCalls(api, store).openRun(file)
    expect(seen).toEqual(['checking', 'ok'])
    expect(api.count('runs.trust')).toBe(1)
    expect(store.getState().openRun?.trust).toEqual(loadView(file).trust)
    expect(store.getState().openRun?.trust.readOnlyReason).toBeNull()
  })

  it('reports a refused path as the run error', async () => {
    const api = new FakeApi([dir])
    const store = createTineStore()
    const calls = createCalls(api, store)
    await calls.openRun('/etc/passwd.tine')
    expect(store.getState().runState).toBe('error')
    expect(store.getState().runError).toMatch(/outside the opened folders/)
  })

  it('reloads the open run when its file changes on disk, folding bursts into one more read', async () => {
    const [file] = copyRuns(['demo-running.tine'])
    const api = new FakeApi([dir])
    const store = createTineStore()
    const calls = createCalls(api, store)
    connectPushEvents(api, store, calls)
    await calls.loadFolders()
    await calls.openRun(file)
    store.getState().selectStep('r2a')
    const loadsBefore = api.count('runs.load')

    // The agent appends a step and saves.
    const run = loadRun(file)
    run.addStep({ kind: 'done', inputs: { text: 'appended' }, outputs: {}, id: 'r5', parentIds: ['r4'] })
    writeFileSync(file, serializeRun(run))
    let release!: () => void
    api.hold = new Promise((resolve) => (release = resolve))
    const event = { kind: 'change' as const, folder: dir, file, run: itemOf(file) }
    api.push(event)
    api.push(event)
    api.push(event)
    api.push({ kind: 'change', folder: dir, file: path.join(dir, 'other.tine'), run: itemOf(file) })
    api.hold = null
    release()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(api.count('runs.load') - loadsBefore).toBe(2)
    expect(store.getState().openRun?.steps.map((step) => step.id)).toContain('r5')
    expect(store.getState().selectedStepId).toBe('r2a')
    expect(readFileSync(file, 'utf8')).toContain('appended')

    api.push({ kind: 'unlink', folder: dir, file })
    expect(store.getState().runRemoved).toBe(true)
    expect(store.getState().folders[0].runs.some((item) => item.file === file)).toBe(false)
  })
})
