/** Export HTML: the open run with every step's detail and the graph as laid out, as one downloaded file. */
import type { RunView } from '../../src-shared/api/types'
import { placementOf } from '../graph/placement-cache'
import { shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { tineStore } from '../store/store'
import { clientOf } from '../store/client-slice'
import { composeExportHtml, downloadFile, ownAssets, positionsRecord, type ExportPayload } from './export-html'

export async function exportRun(run: RunView): Promise<void> {
  const positions = placementOf(run.file)
  if (!positions) throw new Error('the graph is still being laid out; try again in a moment')
  const data = await clientOf(tineStore.getState()).api.invoke('runs.exportData', { file: run.file })
  const item =
    tineStore
      .getState()
      .folders.flatMap((folder) => folder.runs)
      .find((row) => row.run_id === run.runId && !row.unreadable) ?? null
  const payload: ExportPayload = {
    format: 'opentine-export/1',
    exportedAt: new Date().toISOString(),
    runs: [{ ...data, item, positions: positionsRecord(positions) }]
  }
  const assets = await ownAssets(document, window.fetch.bind(window))
  const html = composeExportHtml({
    title: `opentine run ${shortId(run.runId)}`,
    css: assets.css,
    scripts: assets.scripts,
    payload,
    theme: document.documentElement.dataset.theme ?? 'light'
  })
  downloadFile(document, `${baseName(run.file).replace(/\.tine$/i, '') || shortId(run.runId)}.html`, html, 'text/html')
}
