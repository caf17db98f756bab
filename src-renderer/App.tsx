/** The explorer's frame: toolbar, run list, graph, and the step / run / transcript panels. */
import { useEffect } from 'react'
import { ActionsLayer } from './actions/ActionsLayer'
import { TrustBanner } from './trust/TrustBanner'
import { AgentBar } from './agents/AgentBar'
import { AgentsLayer, NewRunButton } from './agents/AgentsLayer'
import { ReviewPanel } from './agents/ReviewPanel'
import { DiffScreen } from './diff/DiffScreen'
import { installKeymap } from './keyboard/listener'
import { saveThemePreference, useTheme } from './lib/use-theme'
import { BroadFolderDialog } from './app/BroadFolderDialog'
import { DropZone } from './app/DropZone'
import { NoFolders, NoRunSelected } from './app/EmptyState'
import { LinkConfirm } from './ui/LinkConfirm'
import { OpenPathForm } from './app/OpenPathForm'
import { RunHeader, RunLoading } from './app/RunHeader'
import { RunInspector } from './inspect/RunInspector'
import { RunList } from './run-list/RunList'
import { StepInspector } from './inspect/StepInspector'
import { Transcript } from './inspect/Transcript'
import {
  selectFolders,
  selectFoldersError,
  selectFoldersLoaded,
  selectMode,
  selectNotice,
  selectOpenRun,
  selectRunState,
  selectSidePanel,
  selectThemePreference,
  selectVersion
} from './store/selectors'
import { tineStore, useTine } from './store/store'
import type { SidePanel, ThemePreference } from './store/ui-slice'
import { RunViews } from './views/RunViews'

const NEXT_THEME: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' }

function Toolbar() {
  const mode = useTine(selectMode)
  const version = useTine(selectVersion)
  const theme = useTine(selectThemePreference)
  const hasFolders = useTine(selectFolders).length > 0
  return (
    <header className="toolbar">
      <span className="brand">opentine</span>
      <span className="muted small">
        {[version && `v${version}`, mode === 'browser' ? 'browser mode' : mode].filter(Boolean).join(' · ')}
      </span>
      <div className="toolbar-spacer" />
      {/* With nothing open, the empty state carries the path field instead. */}
      {hasFolders && <OpenPathForm />}
      {hasFolders && <NewRunButton />}
      <button
        type="button"
        title="Theme: follows the system unless you pick one"
        data-testid="theme-toggle"
        onClick={() => {
          const next = NEXT_THEME[theme]
          tineStore.getState().setThemePreference(next)
          saveThemePreference(next)
        }}
      >
        Theme: {theme}
      </button>
    </header>
  )
}

function Notice() {
  const notice = useTine(selectNotice)
  if (!notice) return null
  return (
    <div className="notice" role="status" data-testid="notice">
      <span>{notice}</span>
      <button type="button" className="link-button" onClick={() => tineStore.getState().setNotice(null)}>
        dismiss
      </button>
    </div>
  )
}

const TABS: { id: SidePanel; label: string }[] = [
  { id: 'step', label: 'Step' },
  { id: 'run', label: 'Run' },
  { id: 'transcript', label: 'Transcript' }
]

function SidePanels() {
  const panel = useTine(selectSidePanel)
  const run = useTine(selectOpenRun)
  if (!run) return null
  return (
    <aside className="details">
      <nav className="tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={panel === tab.id}
            className={panel === tab.id ? 'tab active' : 'tab'}
            data-testid={`tab-${tab.id}`}
            onClick={() => tineStore.getState().setSidePanel(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </nav>
      <div className="details-body">
        {panel === 'step' && <StepInspector />}
        {panel === 'run' && <RunInspector />}
        {panel === 'transcript' && <Transcript />}
      </div>
    </aside>
  )
}

function Center() {
  const loaded = useTine(selectFoldersLoaded)
  const folders = useTine(selectFolders)
  const foldersError = useTine(selectFoldersError)
  const run = useTine(selectOpenRun)
  const runState = useTine(selectRunState)
  if (!loaded) return <div className="empty-state">Loading folders…</div>
  if (foldersError && folders.length === 0) {
    return (
      <div className="empty-state" data-testid="folders-error">
        <h2>Cannot list runs</h2>
        <p className="error-text">{foldersError}</p>
      </div>
    )
  }
  if (folders.length === 0) return <NoFolders />
  if (!run) {
    if (runState === 'loading' || runState === 'error') return <RunLoading />
    return <NoRunSelected hasRuns={folders.some((folder) => folder.runs.length > 0)} />
  }
  return (
    <>
      <RunHeader />
      <TrustBanner />
      <AgentBar />
      <ReviewPanel />
      <RunViews />
    </>
  )
}

export function App() {
  useTheme()
  const loaded = useTine(selectFoldersLoaded)
  useEffect(() => installKeymap(window, tineStore), [])
  useEffect(() => {
    // The e2e tests wait for this marker: the first folder list is on screen.
    if (loaded) document.body.dataset.ready = 'true'
  }, [loaded])
  return (
    <div className="app">
      <Toolbar />
      <Notice />
      <DiffScreen />
      <div className="workspace">
        <aside className="sidebar">
          <RunList />
        </aside>
        <main className="center">
          <Center />
        </main>
        <SidePanels />
      </div>
      <DropZone />
      <LinkConfirm />
      <BroadFolderDialog />
      <ActionsLayer />
      <AgentsLayer />
    </div>
  )
}
