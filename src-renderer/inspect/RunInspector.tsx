/** The open run as a whole: prompts, costs, tokens, refs, trust, format and fork lineage. */
import type { ReactNode } from 'react'
import { runStatusText } from '../agents/run-status'
import type { RunView } from '../../src-shared/api/types'
import { RunActionBar } from '../actions/ActionBars'
import { LineagePanel } from '../trust/LineagePanel'
import { useSignatureLine } from '../trust/use-signature-line'
import { useCalls } from '../api/client'
import { formatCost, formatDuration, formatTimestamp, formatTokens, shortId } from '../lib/format'
import { findRunFile } from '../store/run-list'
import { selectFolders, selectOpenRun } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { IntegrityBadge, integrityLabel, SignatureBadgeView, StatusDot } from '../ui/Badges'
import { CopyButton } from '../ui/CopyButton'
import { visibleText } from '../../src-shared/api/visible-text'
import { isEmptyJson, JsonTree } from '../ui/JsonTree'

function Breakdown({ title, values }: { title: string; values: Record<string, number> }) {
  const rows = Object.entries(values).sort((a, b) => b[1] - a[1])
  if (rows.length === 0) return null
  return (
    <table className="breakdown">
      <caption>{title}</caption>
      <tbody>
        {rows.map(([name, cost]) => (
          <tr key={name}>
            <th scope="row">{name || (title === 'by model' ? '(no model)' : '(none)')}</th>
            <td>{formatCost(cost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ForkOrigin({ run }: { run: RunView }) {
  const folders = useTine(selectFolders)
  const calls = useCalls()
  if (!run.forkedFrom) return null
  const file = findRunFile(folders, run.forkedFrom)
  return (
    <span className="fork-origin">
      forked from{' '}
      {file ? (
        <button
          type="button"
          className="link-button"
          data-testid="forked-from-link"
          title={run.forkedFrom}
          onClick={() => void calls.openRun(file)}
        >
          {shortId(run.forkedFrom)}
        </button>
      ) : (
        <span title={`${run.forkedFrom} is not in an open folder`} className="muted" data-testid="forked-from-link">
          {shortId(run.forkedFrom)} (not open)
        </span>
      )}
    </span>
  )
}

/** A titled section of facts: a definition list of label and value pairs. */
function FactsSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector-section">
      <h3>{title}</h3>
      <dl className="facts">{children}</dl>
    </section>
  )
}

function DigestFact({ label, digest }: { label: string; digest: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <code>{digest}</code>
      </dd>
    </>
  )
}

function Prompt({ title, text }: { title: string; text: string }) {
  return (
    <section className="inspector-section">
      <h3>
        {title}
        {text && (
          <span className="section-actions">
            <CopyButton value={text} label="copy" />
          </span>
        )}
      </h3>
      {text ? <pre className="plain-text">{text}</pre> : <p className="muted">none recorded</p>}
    </section>
  )
}

export function RunInspector() {
  const run = useTine(selectOpenRun)
  const signature = useSignatureLine(run)
  if (!run) return null
  const { costs, trust } = run
  const stepIds = new Set(run.steps.map((step) => step.id))
  return (
    <div className="inspector" data-testid="run-inspector">
      <header className="inspector-head">
        <StatusDot status={runStatusText(run)} />
        <div className="inspector-title">
          <div className="inspector-label" data-testid="run-inspector-status">
            {runStatusText(run)}
            {run.draft && <span className="badge tone-warn">draft</span>}
          </div>
          <code className="step-id">{visibleText(run.runId)}</code>
        </div>
        <CopyButton value={run.runId} label="Copy id" title="Copy the run id" />
      </header>
      <RunActionBar />
      <dl className="facts">
        <dt>Model</dt>
        <dd>{run.model || <span className="muted">none</span>}</dd>
        <dt>Created</dt>
        <dd>{formatTimestamp(run.createdAt)}</dd>
        <dt>Steps</dt>
        <dd>{run.steps.length.toLocaleString('en-US')}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(run.durationTotal)}</dd>
        <dt>Cost</dt>
        <dd>{formatCost(costs.totalCost)}</dd>
        <dt>Tokens</dt>
        <dd>
          {formatTokens(costs.totalTokens)} total · {formatTokens(costs.inputTokens)} in ·{' '}
          {formatTokens(costs.outputTokens)} out
        </dd>
        <dt>Tags</dt>
        <dd>
          {run.tags.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            run.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))
          )}
        </dd>
        <dt>Refs</dt>
        <dd className="link-list">
          {Object.entries(run.refs).map(([name, tip]) => (
            <button
              key={name}
              type="button"
              className="step-link"
              disabled={!stepIds.has(tip)}
              title={tip}
              onClick={() => tineStore.getState().selectStep(tip)}
            >
              <span className="ref-badge">{name}</span> {tip ? shortId(tip) : '(empty)'}
            </button>
          ))}
        </dd>
      </dl>
      <section className="inspector-section">
        <h3>Cost breakdown</h3>
        <div className="breakdowns">
          <Breakdown title="by model" values={costs.byModel} />
          <Breakdown title="by kind" values={costs.byKind} />
        </div>
      </section>
      <FactsSection title="Trust">
        <dt>Integrity</dt>
        <dd>
          <IntegrityBadge state={trust.integrity} /> {trust.integrityReason || integrityLabel(trust.integrity)}
        </dd>
        {trust.expectedDigest && <DigestFact label="Recorded digest" digest={trust.expectedDigest} />}
        {trust.actualDigest && trust.actualDigest !== trust.expectedDigest && (
          <DigestFact label="Computed digest" digest={trust.actualDigest} />
        )}
        <dt>Signature</dt>
        <dd data-testid="run-signature" data-state={signature.line?.state}>
          {signature.checked && signature.line ? (
            <span className={`tone-${signature.line.tone}`}>{signature.line.text}. </span>
          ) : trust.signature === 'unsigned' ? (
            'unsigned'
          ) : (
            <SignatureBadgeView state={trust.signature} />
          )}
          {trust.signatureScheme && ` ${trust.signatureScheme}`}
          {trust.signatureAlgorithm && ` (${trust.signatureAlgorithm})`}
          {trust.signatureKeyId && ` key ${trust.signatureKeyId}`}
          {trust.signatureSigner && ` by ${trust.signatureSigner}`}
        </dd>
      </FactsSection>
      <FactsSection title="Format">
        <dt>Version</dt>
        <dd>
          format_version {run.formatVersion} · read as {run.sourceFormat}
        </dd>
        <dt>Migrations</dt>
        <dd>{isEmptyJson(run.migration) ? <span className="muted">none</span> : <JsonTree value={run.migration} />}</dd>
        <dt>File</dt>
        <dd>
          <code>{run.file}</code>
        </dd>
      </FactsSection>
      {(run.forkedFrom || run.forkPoint) && (
        <FactsSection title="Fork lineage">
          <dt>Origin</dt>
          <dd>{run.forkedFrom ? <ForkOrigin run={run} /> : <span className="muted">unknown</span>}</dd>
          {run.forkPoint && (
            <>
              <dt>Fork point</dt>
              <dd>
                {stepIds.has(run.forkPoint) ? (
                  <button
                    type="button"
                    className="step-link"
                    onClick={() => tineStore.getState().selectStep(run.forkPoint)}
                  >
                    {shortId(run.forkPoint)}
                  </button>
                ) : (
                  <code>{shortId(run.forkPoint)}</code>
                )}
              </dd>
            </>
          )}
          {run.forkReason && (
            <>
              <dt>Reason</dt>
              <dd>{run.forkReason}</dd>
            </>
          )}
        </FactsSection>
      )}
      <LineagePanel />
      <Prompt title="System prompt" text={run.systemPrompt} />
      <Prompt title="User prompt" text={run.userPrompt} />
    </div>
  )
}
