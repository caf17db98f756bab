/**
 * Files dropped onto the page in browser mode: the browser can read their bytes but never their
 * path, so the bytes go to the server, which keeps a read-only copy and opens it.
 */
import type { Calls } from '../api/calls'
import type { TineStore } from '../store/store'
import { clientOf } from '../store/client-slice'
import { messageOf } from '../../src-shared/tine/errors'

/** Base64 of the bytes, in slices so a big file never builds one giant argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

export async function openDroppedFiles(files: File[], calls: Calls, store: TineStore): Promise<void> {
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
      const { file: copy } = await clientOf(store.getState()).api.invoke('runs.import', {
        name: file.name,
        base64: toBase64(bytes)
      })
      last = copy
    } catch (error) {
      store.getState().setNotice(`Could not open ${file.name}: ${messageOf(error)}`)
    }
  }
  if (!last) return
  await calls.loadFolders()
  await calls.openRun(last)
}

export async function saveDroppedCopy(file: string, folder: string, calls: Calls, store: TineStore): Promise<boolean> {
  try {
    if (!store.getState().folders.some((snapshot) => !snapshot.singleFile && snapshot.folder === folder)) {
      if (!(await calls.openPaths([folder]))) return false
    }
    const saved = await clientOf(store.getState()).api.invoke('runs.saveCopy', { file, folder })
    await calls.loadFolders()
    await calls.openRun(saved.file)
    store.getState().setNotice(`Saved as ${saved.file}`)
    return true
  } catch (error) {
    store.getState().setNotice(`Could not save: ${messageOf(error)}`)
    return false
  }
}
