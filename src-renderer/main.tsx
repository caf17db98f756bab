/** Entry: pick the api client, wire push events into the store, load the folders, render. */
import '@xyflow/react/dist/style.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createActions } from './api/actions'
import { ServicesProvider } from './api/actions-context'
import { createApiClient, type ApiClient } from './api/client'
import { connectPushEvents } from './api/events'
import { App } from './App'
import { setDiffApi } from './diff/diff-api'
import { warmLayoutWorker } from './graph/layout-client'
import { loadThemePreference } from './lib/use-theme'
import { tineStore } from './store/store'
import { setEmbeddedPlacements } from './graph/placement-cache'
import { createExportApi } from './views/export-client'
import { readExportPayload } from './views/export-html'
import { openInitialRun } from './views/startup'
import { setViewsApi } from './views/views-api'

// An exported page carries its run and answers from memory; the app itself talks to the main side.
const exported = readExportPayload(document)
if (exported) setEmbeddedPlacements(exported.runs.map((run) => run.positions))
const client: ApiClient = exported
  ? { api: createExportApi(exported), mode: 'browser', bridge: null }
  : createApiClient(window)
const actions = createActions(client.api, tineStore)
setDiffApi(client.api)
setViewsApi(client.api)
tineStore.getState().setAppInfo(client.mode, exported ? 'export' : null)
tineStore.getState().setThemePreference(loadThemePreference())
connectPushEvents(client.api, tineStore, actions)
if (exported) {
  const diff = exported.diff
  void actions
    .loadFolders()
    .then(() =>
      diff
        ? tineStore.getState().openDiff(diff.fileA, diff.fileB, { actionsOnly: diff.actionsOnly })
        : actions.openRun(exported.runs[0].view.file)
    )
} else {
  void actions.loadAppInfo()
  void actions.loadFolders().then(() => openInitialRun(client.mode, tineStore, actions, window))
}
if (!exported) warmLayoutWorker()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <ServicesProvider services={{ actions, bridge: client.bridge }}>
      <App />
    </ServicesProvider>
  </StrictMode>
)
