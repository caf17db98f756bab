/** The fork family of the open run across the open folders: click to open, "compare" to diff with the open run. */
import { useEffect, useMemo } from 'react'
import type { LineageNode } from '../../src-shared/run/lineage'
import { familyOf } from '../../src-shared/run/lineage'
import { useCalls } from '../api/client'
import { formatAge, shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { useTine } from '../store/store'
import { StatusDot } from '../ui/Badges'
import { orderPair } from '../diff/compare-target'
import { LineageGraph } from './LineageGraph'

function Node({ node, openFile }: { node: LineageNode; openFile: string }) {
  const calls = useCalls()
  const folders = useTine((state) => state.folders)
  const current = node.file === openFile
  return (
    <li>
      <div
        className={`lineage-node${current ? ' current' : ''}`}
        data-testid={`lineage-node-${node.runId}`}
        data-file={node.file}
        aria-current={current ? 'true' : undefined}
      >
        <StatusDot status={node.status} />
        {current ? (
          <code title={node.file}>{shortId(node.runId)}</code>
        ) : (
          <button
            type="button"
            className="link-button"
            title={`Open ${node.file}`}
            onClick={() => void calls.openRun(node.file)}
          >
            <code>{shortId(node.runId)}</code>
          </button>
        )}
        <span className="muted small" title={node.file}>
          {baseName(node.file)} · {formatAge(node.createdAt)}
        </span>
        {node.forkPoint && (
          <span className="muted small" title={`fork point ${node.forkPoint}`}>
            at {shortId(node.forkPoint)}
          </span>
        )}
        {node.forkedFrom && (
          <span className="lineage-why small" data-testid={`lineage-why-${node.runId}`}>
            branch <strong>{node.branch ?? 'unnamed'}</strong> ·{' '}
            {node.reason ? node.reason : <span className="muted">no reason recorded</span>}
          </span>
        )}
        {node.missingOrigin && (
          <span
            className="badge tone-warn"
            title={`forked from ${node.forkedFrom ?? ''}, which is not in an open folder`}
          >
            origin not open
          </span>
        )}
        {current ? (
          <span className="badge tone-neutral">this run</span>
        ) : (
          <button
            type="button"
            className="link-button small"
            data-testid={`lineage-compare-${node.runId}`}
            onClick={() => {
              const pair = orderPair(openFile, node.file, folders)
              calls.compareRuns(pair.fileA, pair.fileB)
            }}
          >
            compare
          </button>
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="lineage-children">
          {node.children.map((child) => (
            <Node key={child.file} node={child} openFile={openFile} />
          ))}
        </ul>
      )}
    </li>
  )
}

export function LineagePanel() {
  const run = useTine((state) => state.openRun)
  const folders = useTine((state) => state.folders)
  const lineage = useTine((state) => state.lineage)
  const error = useTine((state) => state.lineageError)
  const calls = useCalls()
  // The family changes when a run appears or disappears, not when one grows: key on the file set.
  const fileSet = useMemo(
    () => folders.map((folder) => folder.runs.map((run) => run.file).join('\n')).join('\n\n'),
    [folders]
  )

  useEffect(() => {
    void calls.loadLineage()
  }, [calls, fileSet, run?.file])

  if (!run) return null
  const family = lineage ? familyOf(lineage, run.file) : undefined
  return (
    <section className="inspector-section" data-testid="lineage">
      <h3>Fork family</h3>
      {error && <p className="error-text small">Could not read the lineage: {error}</p>}
      {!lineage && !error && <p className="muted small">Reading…</p>}
      {lineage && (!family || (family.children.length === 0 && family.file === run.file && !run.forkedFrom)) ? (
        <p className="muted small">No forks of this run in the open folders.</p>
      ) : (
        family && (
          <>
            <LineageGraph family={family} openFile={run.file} onOpen={(file) => void calls.openRun(file)} />
            <ul className="lineage-tree">
              <Node node={family} openFile={run.file} />
            </ul>
          </>
        )
      )}
    </section>
  )
}
