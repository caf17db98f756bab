/** Entry: create the one client, wire push events into the store, load the folders, render. */
import '@xyflow/react/dist/style.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client'
import { connectApi, type ApiConnection } from './api/connect-api'
import { connectPushEvents } from './api/events'
import { App } from './App'
import { warmLayoutWorker } from './graph/layout-client'
import { loadThemePreference } from './lib/use-theme'
import { tineStore } from './store/store'
import { setEmbeddedPlacements } from './graph/placement-cache'
import { createExportApi } from './views/export-client'
import { readExportPayload } from './views/export-html'
import { openInitialRun } from './views/startup'

// An exported page carries its run and answers from memory; the app itself talks to the main side.
const exported = readExportPayload(document)
if (exported) setEmbeddedPlacements(exported.runs.map((run) => run.positions))
const connection: ApiConnection = exported
  ? { api: createExportApi(exported), mode: 'browser', bridge: null }
  : connectApi(window)
const client = createClient(connection, tineStore)
const { calls } = client
tineStore.getState().setClient(client)
tineStore.getState().setAppInfo(client.mode, exported ? 'export' : null)
tineStore.getState().setThemePreference(loadThemePreference())
connectPushEvents(client.api, tineStore, calls)
if (exported) {
  const diff = exported.diff
  void calls
    .loadFolders()
    .then(() =>
      diff
        ? tineStore.getState().openDiff(diff.fileA, diff.fileB, { toolCallsOnly: diff.toolCallsOnly })
        : calls.openRun(exported.runs[0].view.file)
    )
} else {
  void calls.loadAppInfo()
  void calls.loadFolders().then(() => openInitialRun(client.mode, tineStore, calls, window))
}
if (!exported) warmLayoutWorker()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>
)
