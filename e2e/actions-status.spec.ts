/**
 * Pause writes the status of a running run into the file (valid digest), and never loses the
 * steps another process appended since the run was loaded: the user is asked first. Resume never
 * only rewrites the status: a run this machine did not start opens "Continue this run…".
 */
import { readFileSync } from 'node:fs'
import { inspectRun, oracle } from './support/actions-files'
import { openStepMenu, showRunInspector } from './support/actions-ui'
import { appendStep, setRunStatus } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test, type Explorer } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

async function expectStatusOnDisk(file: string, status: string, order: string[]): Promise<void> {
  await expect
    .poll(async () => (await inspectRun(file)).status, { message: `${file} is written with status ${status}` })
    .toBe(status)
  const run = await inspectRun(file)
  expect(run.order).toEqual(order)
  expect(run.integrityOk).toBe(true)
  const verdict = await oracle(file)
  expect(verdict.code, verdict.output).toBe(0)
  expect(verdict.output).toMatch(/digest=OK/)
}

/**
 * Stops push events reaching the page (the SSE stream is refused, and the page reloaded so the
 * open stream goes too): the UI keeps the version it loaded while another process writes.
 */
async function withoutPushEvents(explorer: Explorer): Promise<void> {
  await explorer.page.route('**/api/events**', (route) => route.abort())
  await explorer.page.reload()
  await expect(explorer.page.locator('body')).toHaveAttribute('data-ready', 'true')
}

test('Pause writes paused with a valid digest; Resume of a run not started here opens the Continue form and writes nothing', async ({
  explorer
}) => {
  const file = explorer.file('research-agent.tine')
  await setRunStatus(file, 'running')
  const before = await inspectRun(file)
  expect(before.status).toBe('running')
  await explorer.openRun(before.runId)

  const inspector = await showRunInspector(explorer)
  await inspector.getByTestId('run-pause').click()
  await expectStatusOnDisk(file, 'paused', before.order)
  await expect(inspector.getByTestId('run-resume')).toBeVisible()
  await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
  await expect(explorer.row(before.runId)).toContainText('paused')
  const paused = readFileSync(file)

  // Resume from the node menu: no agent of this machine ran it, so the user picks one.
  const menu = await openStepMenu(explorer, before.steps[2].id)
  await expect(menu.getByTestId('menu-pause')).toHaveCount(0)
  await menu.getByTestId('menu-resume').click()
  const dialog = explorer.page.getByTestId('continue-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('continue-note')).toContainText('not started by this app')
  await explorer.page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  expect(readFileSync(file).equals(paused)).toBe(true)
})

test('a step appended by another process between load and pause: the user is asked, and "Write anyway" keeps it', async ({
  explorer
}, testInfo) => {
  const file = explorer.file('research-agent.tine')
  await setRunStatus(file, 'running')
  const before = await inspectRun(file)
  await withoutPushEvents(explorer)
  await explorer.openRun(before.runId)
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(before.steps.length))

  const other = await appendStep(file, 'Another writer: one more look at the sources.')
  const afterAppend = readFileSync(file)
  // The UI still holds the version it loaded.
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(before.steps.length))

  const inspector = await showRunInspector(explorer)
  await inspector.getByTestId('run-pause').click()
  const dialog = explorer.page.getByTestId('conflict-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('conflict-summary')).toContainText('added')
  await expect(dialog.getByTestId('conflict-summary')).toContainText(other.stepId.slice(0, 12))
  await expect(dialog.getByTestId('conflict-added')).toContainText(other.stepId.slice(0, 12))
  await saveScreenshot(explorer.page, 'pause-conflict', testInfo)
  // Asking wrote nothing.
  expect(readFileSync(file).equals(afterAppend)).toBe(true)

  await dialog.getByTestId('conflict-overwrite').click()
  await expect(dialog).toBeHidden()
  await expectStatusOnDisk(file, 'paused', [...before.order, other.stepId])
  // The page re-read the file: the other writer's step is on screen too.
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(before.steps.length + 1))
})

test("the same conflict answered with Reload shows the other writer's step and writes nothing; Pause then works", async ({
  explorer
}) => {
  const file = explorer.file('research-agent.tine')
  await setRunStatus(file, 'running')
  const before = await inspectRun(file)
  await withoutPushEvents(explorer)
  await explorer.openRun(before.runId)

  const other = await appendStep(file, 'Another writer: checked the dates.')
  const afterAppend = readFileSync(file)
  const inspector = await showRunInspector(explorer)
  await inspector.getByTestId('run-pause').click()
  const dialog = explorer.page.getByTestId('conflict-dialog')
  await expect(dialog.getByTestId('conflict-added')).toContainText(other.stepId.slice(0, 12))

  await dialog.getByTestId('conflict-reload').click()
  await expect(dialog).toBeHidden()
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(before.steps.length + 1))
  expect(readFileSync(file).equals(afterAppend)).toBe(true)

  await (await showRunInspector(explorer)).getByTestId('run-pause').click()
  await expectStatusOnDisk(file, 'paused', [...before.order, other.stepId])
  await expect(dialog).toHaveCount(0)
})

test('with push events on, the page follows the other writer before Pause: no conflict, its step stays', async ({
  explorer
}) => {
  const file = explorer.file('research-agent.tine')
  await setRunStatus(file, 'running')
  const before = await inspectRun(file)
  await explorer.openRun(before.runId)

  const other = await appendStep(file, 'Another writer: a step the page hears about.')
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(before.steps.length + 1))
  await (await showRunInspector(explorer)).getByTestId('run-pause').click()
  await expectStatusOnDisk(file, 'paused', [...before.order, other.stepId])
  await expect(explorer.page.getByTestId('conflict-dialog')).toHaveCount(0)
})
