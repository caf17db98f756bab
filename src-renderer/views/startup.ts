/** What opens with the app: the run a deep link names, or the one file the app was started on. */
import type { Calls } from '../api/calls'
import type { TineStore } from '../store/store'
import { parseLink, restoreLink, syncLinkToAddressBar } from './deep-link'

export async function openInitialRun(
  mode: 'electron' | 'browser',
  store: TineStore,
  calls: Calls,
  win: Window
): Promise<void> {
  const target = mode === 'browser' ? parseLink(win.location.href) : null
  try {
    if (target && (target.folder || target.run)) await restoreLink(target, store, calls)
    else if (target?.view) store.getState().setRunViewKind(target.view)
    else {
      const folders = store.getState().folders
      const single = folders.length === 1 ? folders[0].singleFile : null
      if (single && !store.getState().openFile) await calls.openRun(single)
    }
  } finally {
    if (mode === 'browser') syncLinkToAddressBar(store, win)
  }
}
