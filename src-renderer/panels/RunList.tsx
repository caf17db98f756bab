/** The runs of every open folder: status, id, model, steps, cost, age, trust; keyboard navigable. */
import { memo, useCallback, useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { CompareSelectedBar } from '../actions/CompareSelectedBar'
import { isPickClick, selectionAfterClick, type ClickModifiers } from '../actions/list-selection'
import { useActions } from '../api/actions-context'
import { formatAge, formatCost, shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { useNow } from '../lib/use-now'
import { buildRunList, runFilePath } from '../store/run-list'
import { selectFolders, selectListCursor, selectOpenFile, selectQuery } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { IntegrityBadge, SignatureBadgeView, StatusDot } from './Badges'
import { ForkIcon } from './ForkIcon'
import { SearchBox } from './SearchBox'

interface RowProps {
  run: RunListItem
  file: string
  open: boolean
  cursor: boolean
  /** Picked for a comparison (Ctrl/Shift-click). */
  picked: boolean
  now: number
  onRowClick: (file: string, modifiers: ClickModifiers) => void
}

const RunRow = memo(function RunRow({ run, file, open, cursor, picked, now, onRowClick }: RowProps) {
  const name = baseName(run.file)
  const classes = ['run-row']
  if (open) classes.push('open')
  if (cursor) classes.push('cursor')
  if (run.unreadable) classes.push('unreadable')
  if (picked) classes.push('picked')
  return (
    <li
      role="option"
      aria-selected={open}
      id={`run-option-${file}`}
      className={classes.join(' ')}
      data-testid={`run-row-${run.run_id || name}`}
      data-file={file}
      data-unreadable={run.unreadable ? 'true' : undefined}
      data-selected={picked ? 'true' : undefined}
      onMouseDown={(event) => {
        // Shift-click picks a range; it must not select the rows' text.
        if (event.shiftKey) event.preventDefault()
      }}
      onClick={(event) => onRowClick(file, event)}
      title={file}
    >
      {run.unreadable ? (
        <>
          <div className="run-row-line">
            <StatusDot status="corrupt" />
            <span className="run-row-id">{name}</span>
            <span className="badge tone-bad">unreadable</span>
          </div>
          <div className="run-row-reason" data-testid="unreadable-reason">
            {run.reason || 'this file could not be read'}
          </div>
        </>
      ) : (
        <>
          <div className="run-row-line">
            <StatusDot status={run.status} />
            <span className="run-row-id">{shortId(run.run_id)}</span>
            {run.forkedFrom && (
              <span className="fork-mark" title={`forked from ${run.forkedFrom}`} aria-label="fork">
                <ForkIcon />
              </span>
            )}
            <span className="run-row-model">{run.model || '—'}</span>
            <IntegrityBadge state={run.integrity} />
            <SignatureBadgeView state={run.signature} />
          </div>
          <div className="run-row-line run-row-sub">
            <span>{run.status}</span>
            <span>{run.steps.toLocaleString('en-US')} steps</span>
            <span>{formatCost(run.cost)}</span>
            <span title={new Date(run.created_at * 1000).toISOString()}>{formatAge(run.created_at, now)}</span>
            {run.tags.slice(0, 3).map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </div>
        </>
      )}
    </li>
  )
})

function FolderHeader({ folder, shown }: { folder: FolderSnapshot; shown: number }) {
  const actions = useActions()
  return (
    <div className="folder-header" title={folder.folder}>
      <span className="folder-name">{folder.singleFile ? baseName(folder.singleFile) : baseName(folder.folder)}</span>
      <span className="muted">
        {shown}/{folder.runs.length}
        {folder.watchMode === 'polling' ? ' · polling' : ''}
      </span>
      <button type="button" className="link-button" title="Stop watching this folder" onClick={() => void actions.closeFolder(folder.folder)}>
        close
      </button>
    </div>
  )
}

export function RunList() {
  const folders = useTine(selectFolders)
  const query = useTine(selectQuery)
  const openFile = useTine(selectOpenFile)
  const cursor = useTine(selectListCursor)
  const actions = useActions()
  const now = useNow(30_000)
  const search = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const view = useMemo(() => buildRunList(folders, query), [folders, query])
  const files = useMemo(() => view.groups.flatMap((group) => group.runs.map((run) => runFilePath(group.folder.folder, run.file))), [view])
  const folderPaths = useTine(useShallow((state) => state.folders.map((folder) => folder.folder)))
  const picked = useTine((state) => state.compareSelection)
  const readableFiles = useMemo(
    () => view.groups.flatMap((group) => group.runs.filter((run) => !run.unreadable).map((run) => runFilePath(group.folder.folder, run.file))),
    [view]
  )
  const readableSet = useMemo(() => new Set(readableFiles), [readableFiles])

  const onOpen = useCallback(
    (file: string) => {
      tineStore.getState().setListCursor(file)
      void actions.openRun(file)
    },
    [actions]
  )

  const onRowClick = useCallback(
    (file: string, modifiers: ClickModifiers) => {
      const state = tineStore.getState()
      if (isPickClick(modifiers)) {
        if (!readableSet.has(file)) return
        const next = selectionAfterClick({ files: state.compareSelection.filter((picked) => readableSet.has(picked)), anchor: state.compareAnchor }, file, modifiers, readableFiles, state.openFile)
        state.setCompareSelection(next.files, next.anchor)
        state.setListCursor(file)
        return
      }
      state.setCompareSelection(readableSet.has(file) ? [file] : [], file)
      onOpen(file)
    },
    [onOpen, readableFiles, readableSet]
  )

  const move = useCallback(
    (delta: 1 | -1) => {
      if (files.length === 0) return
      const current = tineStore.getState().listCursor ?? tineStore.getState().openFile
      const at = current ? files.indexOf(current) : -1
      const next = at < 0 ? (delta > 0 ? 0 : files.length - 1) : Math.min(files.length - 1, Math.max(0, at + delta))
      tineStore.getState().setListCursor(files[next])
    },
    [files]
  )

  const openCursor = useCallback(() => {
    const target = tineStore.getState().listCursor ?? files[0]
    if (target) onOpen(target)
  }, [files, onOpen])

  // "/" focuses the search box from anywhere outside a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        search.current?.focus()
        search.current?.select()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    if (!cursor) return
    const rows = list.current?.querySelectorAll<HTMLElement>('[data-file]') ?? []
    const row = Array.from(rows).find((element) => element.dataset.file === cursor)
    row?.scrollIntoView?.({ block: 'nearest' })
  }, [cursor])

  return (
    <div className="run-list-panel">
      <SearchBox ref={search} error={view.error} shown={view.shown} total={view.total} onArrow={move} onEnter={openCursor} />
      <CompareSelectedBar visibleFiles={readableSet} />
      <div
        ref={list}
        className="run-list"
        role="listbox"
        aria-label="Runs"
        tabIndex={0}
        aria-activedescendant={cursor ? `run-option-${cursor}` : undefined}
        data-testid="run-list"
        data-folders={folderPaths.length}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            move(event.key === 'ArrowDown' ? 1 : -1)
          } else if (event.key === 'Enter') {
            event.preventDefault()
            openCursor()
          }
        }}
      >
        {view.groups.map((group) => (
          <div key={group.folder.folder} className="folder-group">
            <FolderHeader folder={group.folder} shown={group.runs.length} />
            {group.runs.length === 0 ? (
              <p className="empty-hint small">{group.folder.runs.length === 0 ? 'No .tine files here yet. New runs appear as soon as they are written.' : 'No run matches the search.'}</p>
            ) : (
              <ul className="run-rows">
                {group.runs.map((run) => {
                  const file = runFilePath(group.folder.folder, run.file)
                  return (
                    <RunRow
                      key={file}
                      run={run}
                      file={file}
                      open={file === openFile}
                      cursor={file === cursor}
                      picked={picked.length > 1 && picked.includes(file)}
                      now={now}
                      onRowClick={onRowClick}
                    />
                  )
                })}
              </ul>
            )}
          </div>
        ))}
      </div>
    </div>
  )
}
