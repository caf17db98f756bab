/** Desktop-only helpers: reveal the open run's file in the file manager, and the recent folders and files. */
import { useEffect, useState } from 'react'
import type { TineApi } from '../../src-shared/api/contract'
import { createApiClient } from '../api/client'
import { useActions } from '../api/actions-context'
import { baseName } from '../lib/paths'
import { selectMode, selectOpenFile } from '../store/selectors'
import { tineStore, useTine } from '../store/store'

let api: TineApi | null = null
const desktopApi = (): TineApi => (api ??= createApiClient(window).api)

export function ShowInFolderButton() {
  const mode = useTine(selectMode)
  const file = useTine(selectOpenFile)
  if (mode !== 'electron' || !file) return null
  const reveal = () =>
    desktopApi()
      .invoke('desktop.showInFolder', { file })
      .catch((error: unknown) =>
        tineStore
          .getState()
          .setNotice(`Could not show the file: ${error instanceof Error ? error.message : String(error)}`)
      )
  return (
    <button type="button" className="small" data-testid="show-in-folder" title={file} onClick={() => void reveal()}>
      Show in folder
    </button>
  )
}

export function RecentList() {
  const mode = useTine(selectMode)
  const actions = useActions()
  const [recent, setRecent] = useState<string[]>([])
  useEffect(() => {
    if (mode !== 'electron') return
    desktopApi()
      .invoke('desktop.recent', {})
      .then(setRecent, () => setRecent([]))
  }, [mode])
  if (recent.length === 0) return null
  return (
    <div className="recent-list" data-testid="recent-list">
      <p className="muted">Recent:</p>
      <ul>
        {recent.map((target) => (
          <li key={target}>
            <button
              type="button"
              className="link-button"
              title={target}
              onClick={() => void actions.openPaths([target])}
            >
              {baseName(target)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
