/** Desktop-only helpers: reveal the open run's file in the file manager, and the recent folders and files. */
import { useEffect, useState } from 'react'
import { useClient } from '../api/client'
import { baseName } from '../lib/paths'
import { selectMode, selectOpenFile } from '../store/selectors'
import { tineStore, useTine } from '../store/store'

export function ShowInFolderButton() {
  const mode = useTine(selectMode)
  const file = useTine(selectOpenFile)
  const { api } = useClient()
  if (mode !== 'electron' || !file) return null
  const reveal = () =>
    api
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
  const { api, calls } = useClient()
  const [recent, setRecent] = useState<string[]>([])
  useEffect(() => {
    if (mode !== 'electron') return
    api.invoke('desktop.recent', {}).then(setRecent, () => setRecent([]))
  }, [api, mode])
  if (recent.length === 0) return null
  return (
    <div className="recent-list" data-testid="recent-list">
      <p className="muted">Recent:</p>
      <ul>
        {recent.map((target) => (
          <li key={target}>
            <button type="button" className="link-button" title={target} onClick={() => void calls.openPaths([target])}>
              {baseName(target)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
