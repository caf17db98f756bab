/**
 * The runs of every open folder: a title, status, id, model, steps, cost, age, trust; keyboard
 * navigable. Virtualised, so a folder of thousands of runs costs only the rows on screen. Rows the
 * watcher adds are highlighted for a moment, and the scroll position holds while they arrive.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { FolderSnapshot, RunListItem } from '../../src-shared/api/types'
import { CompareSelectedBar } from './CompareSelectedBar'
import { isPickClick, selectionAfterClick, type ClickModifiers } from './list-selection'
import { useCalls } from '../api/client'
import { formatAge, formatCost, shortId } from '../lib/format'
import { middleEllipsis } from '../lib/middle-ellipsis'
import { baseName } from '../lib/paths'
import { useNow } from '../lib/use-now'
import { buildRunList, runFilePath } from '../store/run-list'
import { checkProgressOfRows, listEntries, type ListEntry } from './run-rows'
import { selectFolders, selectListCursor, selectOpenFile, selectQuery } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { IntegrityBadge, SignatureBadgeView, StatusDot } from '../ui/Badges'
import { ForkIcon } from '../ui/ForkIcon'
import { SearchBox } from './SearchBox'

interface RowProps {
  run: RunListItem
  file: string
  open: boolean
  cursor: boolean
  /** Picked for a comparison (Ctrl/Shift-click). */
  picked: boolean
  /** Another fork of the same step in the same branch is listed: show the time. */
  twin: boolean
  fresh: boolean
  now: number
  onRowClick: (file: string, modifiers: ClickModifiers) => void
}

const SHOWN_TAGS = 2
const NAME_WIDTH = 38

function clock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(11, 19)
}

const RunRow = memo(function RunRow({ run, file, open, cursor, picked, twin, fresh, now, onRowClick }: RowProps) {
  const name = baseName(run.file)
  const classes = ['run-row']
  if (open) classes.push('open')
  if (cursor) classes.push('cursor')
  if (run.unreadable) classes.push('unreadable')
  if (picked) classes.push('picked')
  if (fresh) classes.push('fresh')
  const hasDate = Number.isFinite(run.created_at) && run.created_at > 0
  const hiddenTags = run.tags.slice(SHOWN_TAGS)
  return (
    <div
      role="option"
      aria-selected={open}
      id={`run-option-${file}`}
      className={classes.join(' ')}
      data-testid={`run-row-${run.run_id || name}`}
      data-file={file}
      data-unreadable={run.unreadable ? 'true' : undefined}
      data-integrity={run.integrity}
      data-selected={picked ? 'true' : undefined}
      data-fresh={fresh ? 'true' : undefined}
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
            <span className="run-row-id" title={name}>
              {middleEllipsis(name, NAME_WIDTH)}
            </span>
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
            <span className="run-row-title" data-testid="row-title" title={run.title || name}>
              {run.title || middleEllipsis(name, NAME_WIDTH)}
            </span>
            <IntegrityBadge state={run.integrity} />
            <SignatureBadgeView state={run.signature} />
          </div>
          <div className="run-row-line run-row-sub">
            <span className="run-row-id">{shortId(run.run_id)}</span>
            {run.forkedFrom && (
              <span className="fork-mark" title={`forked from ${run.forkedFrom}`} aria-label="fork">
                <ForkIcon />
              </span>
            )}
            {run.forkedFrom && run.forkLabel && (
              <span className="run-row-fork" data-testid="row-fork">
                {run.forkLabel}
              </span>
            )}
            {run.forkedFrom && run.branch && <span className="run-row-branch">{run.branch}</span>}
            {twin && hasDate && <span title="created at (UTC)">{clock(run.created_at)}</span>}
            <span
              className="run-row-model"
              title={run.model || (run.costModel ? `cost attributed to ${run.costModel}` : 'model unknown')}
            >
              {run.model || (run.costModel ? `cost: ${run.costModel}` : 'model unknown')}
            </span>
          </div>
          <div className="run-row-line run-row-sub">
            <span>{run.status}</span>
            <span>{run.steps.toLocaleString('en-US')} steps</span>
            <span>{formatCost(run.cost)}</span>
            <span title={hasDate ? new Date(run.created_at * 1000).toISOString() : 'the file records no creation time'}>
              {hasDate ? formatAge(run.created_at, now) : 'unknown date'}
            </span>
            {run.tags.slice(0, SHOWN_TAGS).map((tag) => (
              <span key={tag} className="tag" title={tag}>
                {middleEllipsis(tag, 16)}
              </span>
            ))}
            {hiddenTags.length > 0 && (
              <span className="tag" title={hiddenTags.join(', ')} data-testid="row-more-tags">
                +{hiddenTags.length}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  )
})

function FolderHeader({ folder, shown }: { folder: FolderSnapshot; shown: number }) {
  const calls = useCalls()
  const checking = useTine((state) => state.verifying[folder.folder]) ?? checkProgressOfRows(folder.runs)
  return (
    <div className="folder-header" title={folder.folder}>
      <span className="folder-name">
        {middleEllipsis(folder.singleFile ? baseName(folder.singleFile) : baseName(folder.folder), NAME_WIDTH)}
      </span>
      <span className="muted">
        {shown}/{folder.runs.length}
        {folder.watchMode === 'polling' ? ' · polling' : ''}
      </span>
      {checking ? (
        <span
          className="muted folder-checking"
          role="status"
          data-testid="verify-progress"
          title="Integrity and signatures of the listed runs are checked in the background"
        >
          checking {checking.done.toLocaleString('en-US')}/{checking.total.toLocaleString('en-US')}
        </span>
      ) : null}
      <button
        type="button"
        className="link-button"
        title="Stop watching this folder"
        onClick={() => void calls.closeFolder(folder.folder)}
      >
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
  const calls = useCalls()
  const now = useNow(30_000)
  const search = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const view = useMemo(() => buildRunList(folders, query), [folders, query])
  const files = useMemo(
    () => view.groups.flatMap((group) => group.runs.map((run) => runFilePath(group.folder.folder, run.file))),
    [view]
  )
  const folderPaths = useTine(useShallow((state) => state.folders.map((folder) => folder.folder)))
  const picked = useTine((state) => state.compareSelection)
  const readableFiles = useMemo(
    () =>
      view.groups.flatMap((group) =>
        group.runs.filter((run) => !run.unreadable).map((run) => runFilePath(group.folder.folder, run.file))
      ),
    [view]
  )
  const readableSet = useMemo(() => new Set(readableFiles), [readableFiles])

  const onOpen = useCallback(
    (file: string) => {
      tineStore.getState().setListCursor(file)
      void calls.openRun(file)
    },
    [calls]
  )

  const onRowClick = useCallback(
    (file: string, modifiers: ClickModifiers) => {
      const state = tineStore.getState()
      if (isPickClick(modifiers)) {
        if (!readableSet.has(file)) return
        const next = selectionAfterClick(
          { files: state.compareSelection.filter((picked) => readableSet.has(picked)), anchor: state.compareAnchor },
          file,
          modifiers,
          readableFiles,
          state.openFile
        )
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

  // "/" (see keyboard/keymap.ts) asks for the search box.
  const searchFocusRequests = useTine((state) => state.searchFocusRequests)
  useEffect(() => {
    if (searchFocusRequests === 0) return
    search.current?.focus()
    search.current?.select()
  }, [searchFocusRequests])

  const searching = query.trim() !== '' && view.error === null
  const entries = useMemo(() => listEntries(view, searching), [view, searching])
  const fresh = useFreshRows(files)
  const virtual = useVirtualizer({
    count: entries.length,
    getScrollElement: () => list.current,
    estimateSize: (index) => (entries[index].type === 'row' ? 66 : 30),
    getItemKey: (index) => entries[index].key,
    overscan: 8
  })
  useKeptScroll(virtual, entries, list)

  useEffect(() => {
    if (!cursor) return
    const at = entries.findIndex((entry) => entry.type === 'row' && entry.file === cursor)
    if (at >= 0) virtual.scrollToIndex(at, { align: 'auto' })
  }, [cursor, entries, virtual])

  const items = virtual.getVirtualItems()
  const unmeasured = items.length === 0 && entries.length > 0

  const renderEntry = (entry: ListEntry) => {
    if (entry.type === 'header') return <FolderHeader folder={entry.folder} shown={entry.shown} />
    if (entry.type === 'hint') return <p className="empty-hint small">{entry.text}</p>
    return (
      <RunRow
        run={entry.run}
        file={entry.file}
        open={entry.file === openFile}
        cursor={entry.file === cursor}
        picked={picked.length > 1 && picked.includes(entry.file)}
        twin={entry.twin}
        fresh={fresh.has(entry.file)}
        now={now}
        onRowClick={onRowClick}
      />
    )
  }

  return (
    <div className="run-list-panel">
      <SearchBox
        ref={search}
        error={view.error}
        shown={view.shown}
        total={view.total}
        onArrow={move}
        onEnter={openCursor}
      />
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
        data-rows={files.length}
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
        {unmeasured ? (
          // No size to virtualise against yet (a hidden panel, a test DOM): the first rows in flow.
          <div className="run-rows" role="presentation">
            {entries.slice(0, UNMEASURED_ROWS).map((entry) => (
              <div key={entry.key} role="presentation">
                {renderEntry(entry)}
              </div>
            ))}
          </div>
        ) : (
          <div
            className="run-rows"
            role="presentation"
            style={{ height: virtual.getTotalSize(), position: 'relative' }}
          >
            {items.map((item) => (
              <div
                key={item.key}
                role="presentation"
                data-index={item.index}
                ref={virtual.measureElement}
                className="run-list-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {renderEntry(entries[item.index])}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  )
}

const FRESH_MS = 2500
const UNMEASURED_ROWS = 200

/** Files that appeared after the first listing, for a short highlight. */
function useFreshRows(files: string[]): ReadonlySet<string> {
  const known = useRef<Set<string> | null>(null)
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set())
  useEffect(() => {
    if (known.current === null) {
      if (files.length > 0) known.current = new Set(files)
      return
    }
    const added = files.filter((file) => !known.current!.has(file))
    if (added.length === 0) return
    for (const file of added) known.current.add(file)
    setFresh((current) => new Set([...current, ...added]))
    // Not cleared when the list changes again (background checks re-deliver rows every moment):
    // each highlight fades on its own clock.
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      setFresh((current) => new Set([...current].filter((file) => !added.includes(file))))
    }, FRESH_MS)
    timers.current.add(timer)
  }, [files])
  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach((timer) => clearTimeout(timer))
  }, [])
  return fresh
}

/**
 * Newest-first lists grow at the top: when rows arrive while the user has scrolled down, the row
 * they were looking at stays where it was instead of sliding away.
 */
function useKeptScroll(
  virtual: ReturnType<typeof useVirtualizer<HTMLDivElement, Element>>,
  entries: ListEntry[],
  listRef: React.RefObject<HTMLDivElement | null>
) {
  const anchor = useRef<{ key: string; offset: number } | null>(null)
  const previous = useRef(entries)
  useLayoutEffect(() => {
    const box = listRef.current
    const before = previous.current
    previous.current = entries
    if (!box || before === entries) return
    const kept = anchor.current
    if (!kept || box.scrollTop <= 0) return
    const at = entries.findIndex((entry) => entry.key === kept.key)
    if (at < 0) return
    const start = virtual.getOffsetForIndex(at, 'start')?.[0]
    if (start !== undefined) box.scrollTop = start - kept.offset
  }, [entries, listRef, virtual])
  useEffect(() => {
    const box = listRef.current
    if (!box) return
    const onScroll = () => {
      const first = virtual.getVirtualItems().find((item) => item.end > box.scrollTop)
      anchor.current = first ? { key: String(first.key), offset: first.start - box.scrollTop } : null
    }
    box.addEventListener('scroll', onScroll, { passive: true })
    return () => box.removeEventListener('scroll', onScroll)
  }, [listRef, virtual])
}
