import { runInfos, exampleFiles } from './support/run-files'
import { basename } from 'node:path'
import { expect, test } from './support/explorer'
test('probe two runs in a row', async ({ explorer }) => {
  const infos = await runInfos(exampleFiles().map((f) => explorer.file(basename(f))))
  await explorer.openRun(infos[0].runId)
  await explorer.row(infos[1].runId).click()
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(infos[1].steps.length))
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true', { timeout: 5000 })
})
