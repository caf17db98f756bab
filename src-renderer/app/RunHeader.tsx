/** The line above the graph: which run, its state, where it came from, and loading progress. */
import { runStatusText } from '../agents/run-status'
import { formatBytes, formatCost, shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import {
  selectLayout,
  selectOpenFile,
  selectOpenRun,
  selectRunError,
  selectRunLoadBytes,
  selectRunLoadStartedAt,
  selectRunRemoved,
  selectRunState
} from '../store/selectors'
import { useTine } from '../store/store'
import { Elapsed } from '../ui/Elapsed'
import { IntegrityBadge, SignatureBadgeView, StatusDot } from '../ui/Badges'
import { ShowInFolderButton } from './DesktopShortcuts'
import { ForkOrigin } from '../inspect/RunInspector'

export function RunLoading() {
  const file = useTine(selectOpenFile)
  const state = useTine(selectRunState)
  const error = useTine(selectRunError)
  const started = useTine(selectRunLoadStartedAt)
  const bytes = useTine(selectRunLoadBytes)
  if (state === 'error') {
    return (
      <div className="empty-state" data-testid="run-error">
        <h2>Could not open {file ? baseName(file) : 'the run'}</h2>
        <p className="error-text">{error}</p>
      </div>
    )
  }
  if (state !== 'loading') return null
  return (
    <div className="empty-state" data-testid="run-loading" role="status">
      <div className="progress" aria-hidden="true">
        <div className="progress-bar" />
      </div>
      <p>
        Reading and verifying {file ? baseName(file) : 'run'}
        {bytes ? ` (${formatBytes(bytes)})` : ''}… <Elapsed since={started} />
      </p>
    </div>
  )
}

export function RunHeader() {
  const run = useTine(selectOpenRun)
  const removed = useTine(selectRunRemoved)
  const error = useTine(selectRunError)
  const layout = useTine(selectLayout)
  if (!run) return null
  return (
    <div className="run-header" data-testid="run-header">
      <StatusDot status={runStatusText(run)} />
      <strong className="run-header-id" title={run.runId}>
        {shortId(run.runId)}
      </strong>
      <span data-testid="run-header-status">{runStatusText(run)}</span>
      <span className="muted">{run.model}</span>
      <span className="muted">{run.steps.length.toLocaleString('en-US')} steps</span>
      <span className="muted">{formatCost(run.costs.totalCost)}</span>
      <IntegrityBadge state={run.trust.integrity} />
      <SignatureBadgeView state={run.trust.signature} />
      <ForkOrigin run={run} />
      <ShowInFolderButton />
      {layout.state === 'done' && layout.millis !== null && run.steps.length > 500 && (
        <span className="muted small" title="layout time">
          {layout.algorithm} layout {layout.millis} ms
        </span>
      )}
      {removed && (
        <span className="banner banner-bad">The file was deleted on disk; this is the last version read.</span>
      )}
      {error && !removed && <span className="banner banner-bad">Reload failed: {error}</span>}
    </div>
  )
}
