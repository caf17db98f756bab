/**
 * Files dropped onto the page in browser mode: the browser can read their bytes but never their
 * path, so the bytes go to the server, which keeps a read-only copy and opens it.
 */
import type { Actions } from '../api/actions'
import type { TineStore } from '../store/store'
import { viewsApi } from './views-api'
import { messageOf } from '../../src-shared/tine/errors'

/** Base64 of the bytes, in slices so a big file never builds one giant argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

export async function openDroppedFiles(files: File[], actions: Actions, store: TineStore): Promise<void> {
  const runs = files.filter((file) => /\.tine$/i.test(file.name))
  if (runs.length === 0) {
    store
      .getState()
      .setNotice(
        'Nothing to open: drop .tine files (a browser cannot open dropped folders; type the folder path instead).'
      )
    return
  }
  let last: string | null = null
  for (const file of runs) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      const { file: copy } = await viewsApi().invoke('runs.import', { name: file.name, base64: toBase64(bytes) })
      last = copy
    } catch (error) {
      store.getState().setNotice(`Could not open ${file.name}: ${messageOf(error)}`)
    }
  }
  if (!last) return
  await actions.loadFolders()
  await actions.openRun(last)
}

export async function saveDroppedCopy(
  file: string,
  folder: string,
  actions: Actions,
  store: TineStore
): Promise<boolean> {
  try {
    if (!store.getState().folders.some((snapshot) => !snapshot.singleFile && snapshot.folder === folder)) {
      if (!(await actions.openPaths([folder]))) return false
    }
    const saved = await viewsApi().invoke('runs.saveCopy', { file, folder })
    await actions.loadFolders()
    await actions.openRun(saved.file)
    store.getState().setNotice(`Saved as ${saved.file}`)
    return true
  } catch (error) {
    store.getState().setNotice(`Could not save: ${messageOf(error)}`)
    return false
  }
}
