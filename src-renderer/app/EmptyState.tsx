/** What to do when there is nothing to show yet. */
import { selectMode } from '../store/selectors'
import { useTine } from '../store/store'
import { RecentList } from './DesktopShortcuts'
import { OpenPathForm } from './OpenPathForm'

export const NO_FOLDERS_TEXT = 'Open a folder with File > Open Folder, drop .tine files here, or run `tine ui <folder>`'

export function NoFolders() {
  const mode = useTine(selectMode)
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>No runs open</h2>
      <p>{NO_FOLDERS_TEXT}.</p>
      <p className="muted">
        {mode === 'electron'
          ? 'Or type a folder path:'
          : 'In the browser, type the path of a folder on the machine running `tine ui`:'}
      </p>
      <OpenPathForm autoFocus />
      <RecentList />
    </div>
  )
}

export function NoRunSelected({ hasRuns }: { hasRuns: boolean }) {
  return (
    <div className="empty-state" data-testid="no-run">
      <h2>{hasRuns ? 'Pick a run' : 'No runs yet'}</h2>
      <p>
        {hasRuns
          ? 'Choose a run in the list (↑/↓ then Enter) to see its steps as a graph.'
          : 'The open folders hold no .tine files yet. Runs appear here as soon as an agent writes them.'}
      </p>
    </div>
  )
}
