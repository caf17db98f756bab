/** Entry: pick the api client, wire push events into the store, load the folders, render. */
import '@xyflow/react/dist/style.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createActions } from './api/actions'
import { ServicesProvider } from './api/actions-context'
import { createApiClient } from './api/client'
import { connectPushEvents } from './api/events'
import { App } from './App'
import { setDiffApi } from './diff/diff-api'
import { warmLayoutWorker } from './graph/layout-client'
import { loadThemePreference } from './lib/use-theme'
import { tineStore } from './store/store'

const client = createApiClient(window)
const actions = createActions(client.api, tineStore)
setDiffApi(client.api)
tineStore.getState().setAppInfo(client.mode, null)
tineStore.getState().setThemePreference(loadThemePreference())
connectPushEvents(client.api, tineStore, actions)
void actions.loadAppInfo()
void actions.loadFolders()
warmLayoutWorker()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <ServicesProvider services={{ actions, bridge: client.bridge }}>
      <App />
    </ServicesProvider>
  </StrictMode>
)
