/**
 * Deep links in browser mode: the address bar holds the open folder, run, step and view, so a reload
 * or a pasted link brings them back. The access token never goes into the link (http-client hides it).
 */
import type { Calls } from '../api/calls'
import type { TineStore } from '../store/store'
import { RUN_VIEW_KINDS, type RunViewKind } from './views-slice'

export interface LinkTarget {
  folder: string | null
  run: string | null
  step: string | null
  view: RunViewKind | null
}

const KEYS = ['folder', 'run', 'step', 'view'] as const

export function parseLink(href: string): LinkTarget {
  const params = new URL(href).searchParams
  const view = params.get('view')
  return {
    folder: params.get('folder') || null,
    run: params.get('run') || null,
    step: params.get('step') || null,
    view: view && (RUN_VIEW_KINDS as string[]).includes(view) ? (view as RunViewKind) : null
  }
}

/** `href` with the link parameters replaced by `target` (other parameters and the hash are kept). */
export function linkHref(href: string, target: LinkTarget): string {
  const url = new URL(href)
  for (const key of KEYS) url.searchParams.delete(key)
  if (target.folder) url.searchParams.set('folder', target.folder)
  if (target.run) url.searchParams.set('run', target.run)
  if (target.step) url.searchParams.set('step', target.step)
  if (target.view && target.view !== 'graph') url.searchParams.set('view', target.view)
  return url.toString()
}

/** The folder a run file was listed under (the longest open folder that contains it). */
function folderOf(store: TineStore, file: string | null): string | null {
  if (!file) return null
  let best: string | null = null
  for (const snapshot of store.getState().folders) {
    if (
      (snapshot.singleFile === file || file.startsWith(snapshot.folder)) &&
      (!best || snapshot.folder.length > best.length)
    )
      best = snapshot.folder
  }
  return best
}

export function currentTarget(store: TineStore, step: string | null = store.getState().selectedStepId): LinkTarget {
  const state = store.getState()
  return {
    folder: folderOf(store, state.openFile),
    run: state.openFile,
    step: state.openFile ? step : null,
    view: state.runViewKind
  }
}

/** Opens what a link names: the folder (when not open yet), the run, then the step and the view. */
export async function restoreLink(target: LinkTarget, store: TineStore, calls: Calls): Promise<void> {
  if (target.view) store.getState().setRunViewKind(target.view)
  const folders = store.getState().folders
  const folderOpen = (path: string) =>
    folders.some((snapshot) => snapshot.folder === path || snapshot.singleFile === path)
  if (target.folder && !folderOpen(target.folder)) await calls.openPaths([target.folder])
  else if (!target.folder && target.run && !folderOpen(target.run) && !folderOf(store, target.run))
    await calls.openPaths([target.run])
  if (!target.run) return
  await calls.openRun(target.run)
  const state = store.getState()
  if (target.step && state.openRun?.file === target.run && state.openRun.steps.some((step) => step.id === target.step))
    state.selectStep(target.step)
}

/** Keeps the address bar in step with the store (replaceState: moving around adds no history entries). */
export function syncLinkToAddressBar(store: TineStore, win: Window): () => void {
  let last = ''
  return store.subscribe((state, previous) => {
    if (
      state.openFile === previous.openFile &&
      state.selectedStepId === previous.selectedStepId &&
      state.runViewKind === previous.runViewKind &&
      state.folders === previous.folders
    )
      return
    // While a run is loading the selection is empty: keep the link's step until the run is there.
    if (state.runState === 'loading') return
    const href = linkHref(win.location.href, currentTarget(store))
    if (href === last || href === win.location.href) return
    last = href
    win.history.replaceState(win.history.state, '', href)
  })
}
