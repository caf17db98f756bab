/**
 * Sharing a run: Copy link (browser mode: the address names folder, run, step and view), Export HTML
 * (one standalone file), and, for a dropped copy, Save into folder….
 */
import { useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { CopyButton } from '../ui/CopyButton'
import { tineStore, useTine } from '../store/store'
import { currentTarget, linkHref } from './deep-link'
import { exportRun } from './export-run'
import { SaveCopyForm } from './SaveCopyForm'

export function runLink(stepId: string | null): string {
  return linkHref(window.location.href, currentTarget(tineStore, stepId))
}

export function ShareButtons({ run }: { run: RunView }) {
  const mode = useTine((state) => state.mode)
  const selected = useTine((state) => state.selectedStepId)
  const exported = useTine((state) => state.version === 'export')
  const [busy, setBusy] = useState(false)
  return (
    <div className="share-buttons">
      {mode === 'browser' && !exported && (
        <CopyButton
          value={runLink(selected)}
          label={selected ? 'Copy link to step' : 'Copy link'}
          title="A link to this run, step and view"
        />
      )}
      <SaveCopyForm run={run} />
      <button
        type="button"
        disabled={busy}
        data-testid="export-html"
        title="Save this run as one HTML file that opens offline in any browser"
        onClick={() => {
          setBusy(true)
          exportRun(run)
            .catch((error: unknown) =>
              tineStore.getState().setNotice(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
            )
            .finally(() => setBusy(false))
        }}
      >
        {busy ? 'Exporting…' : 'Export HTML'}
      </button>
    </div>
  )
}
