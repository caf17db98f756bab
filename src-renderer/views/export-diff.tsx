/** Export HTML of a side-by-side diff: both runs (with step details and positions) and the diff shown. */
import { useState } from 'react'
import { cachedLayout } from '../diff/layout-cache'
import { buildRunGraph } from '../graph/build-run-graph'
import { shortId } from '../lib/format'
import { tineStore, useTine } from '../store/store'
import {
  composeExportHtml,
  downloadFile,
  ownAssets,
  positionsRecord,
  type ExportPayload,
  type ExportedRun
} from './export-html'
import { clientOf } from '../store/client-slice'

async function exportedRun(file: string): Promise<ExportedRun> {
  const data = await clientOf(tineStore.getState()).api.invoke('runs.exportData', { file })
  const item =
    tineStore
      .getState()
      .folders.flatMap((folder) => folder.runs)
      .find((row) => row.run_id === data.view.runId && !row.unreadable) ?? null
  return { ...data, item, positions: positionsRecord(cachedLayout(file, buildRunGraph(data.view))) }
}

export async function exportDiff(): Promise<void> {
  const { diffRequest, diffView } = tineStore.getState()
  if (!diffRequest || !diffView) throw new Error('the comparison is still loading')
  const runs = [await exportedRun(diffRequest.fileA), await exportedRun(diffRequest.fileB)]
  const payload: ExportPayload = {
    format: 'opentine-export/1',
    exportedAt: new Date().toISOString(),
    runs,
    diff: {
      fileA: diffRequest.fileA,
      fileB: diffRequest.fileB,
      toolCallsOnly: diffRequest.toolCallsOnly,
      view: diffView
    }
  }
  const assets = await ownAssets(document, window.fetch.bind(window))
  const name = `compare-${shortId(runs[0].view.runId)}-${shortId(runs[1].view.runId)}`
  const html = composeExportHtml({
    title: `opentine ${name}`,
    css: assets.css,
    scripts: assets.scripts,
    payload,
    theme: document.documentElement.dataset.theme ?? 'light'
  })
  downloadFile(document, `${name}.html`, html, 'text/html')
}

export function ExportDiffButton() {
  const ready = useTine((state) => state.diffView !== null)
  const exported = useTine((state) => state.version === 'export')
  const [busy, setBusy] = useState(false)
  if (exported) return null
  return (
    <button
      type="button"
      disabled={!ready || busy}
      data-testid="diff-export-html"
      title="Save this comparison as one HTML file that opens offline in any browser"
      onClick={() => {
        setBusy(true)
        exportDiff()
          .catch((error: unknown) =>
            tineStore.getState().setNotice(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
          )
          .finally(() => setBusy(false))
      }}
    >
      {busy ? 'Exporting…' : 'Export HTML'}
    </button>
  )
}
