/** The open folder is watched: new, grown, removed and corrupt files show up without a reload. */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FIXTURES_DIR } from './support/paths'
import { appendStep, copyInto, exampleFiles, runInfo, storedRunId } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

/** A running run (an agent still writing it), from the opentine GUI's demo folder. */
const RUNNING_FIXTURE = path.join(FIXTURES_DIR, 'gui', '.tine_runs', 'demo-running.tine')

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => {
      copyInto(folder, [...exampleFiles(), RUNNING_FIXTURE])
    })
})

test('a .tine written into the watched folder appears in the list, and leaves when removed', async ({ explorer }) => {
  const before = await explorer.rows().count()
  const source = path.join(FIXTURES_DIR, 'gui', '.tine_runs', 'demo-complete.tine')
  const runId = storedRunId(source)
  await expect(explorer.row(runId)).toHaveCount(0)

  const target = explorer.file('arrived-later.tine')
  copyFileSync(source, target)
  await expect(explorer.row(runId)).toBeVisible()
  await expect(explorer.row(runId)).toContainText('completed')
  await expect(explorer.rows()).toHaveCount(before + 1)

  rmSync(target)
  await expect(explorer.row(runId)).toHaveCount(0)
  await expect(explorer.rows()).toHaveCount(before)
})

test('steps appended to the open run appear as nodes; the selection and the viewport stay', async ({ explorer }) => {
  const file = explorer.file(path.basename(RUNNING_FIXTURE))
  const info = await runInfo(file)
  await explorer.openRun(info.runId)
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(info.steps.length))

  const selected = info.steps[1]
  await explorer.clickNode(selected.id)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', selected.id)
  const viewport = explorer.page.locator('.react-flow__viewport')
  const transformBefore = await viewport.evaluate((element) => (element as HTMLElement).style.transform)

  const first = await appendStep(file, 'Autosave: checking the second source before merging.')
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(info.steps.length + 1))
  const second = await appendStep(file, 'Autosave: merged; writing the summary.')
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(info.steps.length + 2))
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')

  await expect(explorer.node(selected.id)).toHaveClass(/selected/)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', selected.id)
  expect(await viewport.evaluate((element) => (element as HTMLElement).style.transform)).toBe(transformBefore)

  // Only on-screen nodes are in the DOM, so find the new tip (which pans to it), then look at it.
  await explorer.page.getByTestId('step-search').fill(second.stepId.slice(0, 16))
  await explorer.page.getByTestId('step-search').press('Enter')
  await expect(explorer.node(second.stepId)).toBeVisible()
  await expect(explorer.node(second.stepId)).toContainText('Autosave: merged')
  await expect(explorer.node(first.stepId)).toContainText('Autosave: checking')
  await expect(explorer.page.locator(`.react-flow__edge[data-id="${first.stepId}->${second.stepId}"]`)).toBeAttached()
})

test('a corrupt, a too-new and a tampered file are listed with their reasons; the other runs stay', async ({
  explorer
}, testInfo) => {
  const before = await explorer.rows().count()
  const original = readFileSync(explorer.file('release-failed.tine'), 'utf8')
  writeFileSync(explorer.file('cut-short.tine'), original.slice(0, 700))
  writeFileSync(explorer.file('from-the-future.tine'), original.replace('"format_version": 2', '"format_version": 99'))
  writeFileSync(explorer.file('edited-by-hand.tine'), original.replace('Tag the release.', 'Tag the release!'))

  const cutShort = explorer.rowOfFile('cut-short.tine')
  await expect(cutShort).toHaveAttribute('data-unreadable', 'true')
  await expect(cutShort.getByTestId('unreadable-reason')).toContainText('truncated')

  const future = explorer.rowOfFile('from-the-future.tine')
  await expect(future).toHaveAttribute('data-unreadable', 'true')
  await expect(future.getByTestId('unreadable-reason')).toContainText('unsupported .tine format_version=99')

  // A tampered file still loads (its content is readable) but says it was changed.
  const edited = explorer.rowOfFile('edited-by-hand.tine')
  await expect(edited).toBeVisible()
  await expect(edited).toContainText(/tampered|digest mismatch/)

  await expect(explorer.rows()).toHaveCount(before + 3)
  for (const name of ['research-agent.tine', 'release-failed.tine', 'incident-merge.tine']) {
    await expect(explorer.rowOfFile(name)).not.toHaveAttribute('data-unreadable', 'true')
  }
  await saveScreenshot(explorer.page.getByTestId('run-list'), 'list-unreadable', testInfo)
})
