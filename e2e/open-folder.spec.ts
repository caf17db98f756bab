/** Opening the example folder lists every example run with its status, model and step count. */
import { basename } from 'node:path'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { exampleFiles, runInfo, runInfos } from './support/run-files'
import { expect, test } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

test('the example folder lists every example run', async ({ explorer }, testInfo) => {
  const examples = exampleFiles()
  expect(examples.length).toBeGreaterThanOrEqual(5)
  await expect(explorer.rows()).toHaveCount(examples.length)
  const infos = await runInfos(examples.map((file) => explorer.file(basename(file))))
  for (const info of infos) {
    const row = explorer.row(info.runId)
    await expect(row).toBeVisible()
    await expect(row).toContainText(info.status)
    await expect(row).toContainText(`${info.steps.length} steps`)
    await expect(row).not.toHaveAttribute('data-unreadable', 'true')
  }
  await expect(explorer.page.getByTestId('run-search-count')).toContainText(`${examples.length} runs`)
  await saveScreenshot(explorer.page.getByTestId('run-list'), 'list', testInfo)
})

test('opening a run draws one node per step', async ({ explorer }, testInfo) => {
  const info = await runInfo(explorer.file('research-agent.tine'))
  await explorer.openRun(info.runId)
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(info.steps.length))
  // 26 steps do not fit at a readable zoom: the view opens on the first step (nothing else is selected or failed).
  await expect(explorer.graph()).toHaveAttribute('data-focus-step', info.steps[0].id)
  await expect(explorer.node(info.steps[0].id)).toBeVisible()
  expect(await explorer.page.locator('.react-flow__node').count()).toBeGreaterThan(1)
  await expect(explorer.row(info.runId)).toHaveAttribute('aria-selected', 'true')
  await saveScreenshot(explorer.page, 'graph', testInfo)
})

test('opening one run after another lays out each of them', async ({ explorer }) => {
  // Both are small enough for the elk layout, so the second one reuses the layout worker.
  const [first, second] = await runInfos([explorer.file('research-agent.tine'), explorer.file('release-failed.tine')])
  await explorer.openRun(first.runId)
  await explorer.row(second.runId).click()
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(second.steps.length))
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
  // The new run gets its own first view: fitted whole, or on the step that matters (here its error step).
  const focus = await explorer.graph().getAttribute('data-focus-step')
  if (focus) await expect(explorer.node(focus)).toBeVisible()
  else await expect(explorer.page.locator('.react-flow__node')).toHaveCount(second.steps.length)
  expect(second.steps.some((step) => step.id === focus) || focus === '').toBe(true)
})

test('typing / asks first, and Cancel leaves the list as it was', async ({ explorer }) => {
  const rowsBefore = await explorer.rows().count()
  await explorer.page.getByTestId('open-path-input').fill('/')
  await explorer.page.getByTestId('open-path-input').press('Enter')
  await expect(explorer.page.getByTestId('broad-folder-reason')).toContainText('/ is the root of the file system')
  await explorer.page.getByTestId('broad-folder-cancel').click()
  await expect(explorer.page.getByTestId('broad-folder-dialog')).toHaveCount(0)
  await expect(explorer.rows()).toHaveCount(rowsBefore)
  expect(await explorer.page.getByTestId('open-path-input').inputValue()).toBe('/')
})
