/**
 * The fork / continue / compare workflow, through real clicks in browser mode with the built-in
 * offline model: a paused run survives a reload and a server restart and Resume finishes it; a
 * branch is continued with a new prompt and compared with its origin; an edited tool result is the
 * diff's first divergence; Pause and Cancel at the offline model's default pace leave one status
 * everywhere; a completed run offers neither Pause nor Resume. Every file written passes the oracle.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { openStepMenu, showRunInspector } from './support/actions-ui'
import { oracleVerdict, runOnDisk, writeQuickCorpus } from './support/agents-ui'
import { startBrowserServer, type BrowserServer } from './support/browser-server'
import { expect, test } from './support/explorer'
import { copyInto, exampleFiles } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'

// Runners boot in child processes (a few seconds through tsx each) and the default pace is 1.5 s a step.
test.setTimeout(180_000)
test.afterAll(copyScreenshotsToArtifacts)

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => {
      copyInto(folder, exampleFiles())
      writeQuickCorpus(path.join(folder, 'notes'))
    })
})

interface SavedStep {
  id: string
  timestamp: number
  outputs: unknown
}

function savedRun(file: string): {
  status: string
  order: string[]
  steps: Record<string, SavedStep>
  metadata: Record<string, any>
} {
  const document = JSON.parse(readFileSync(file, 'utf8'))
  return {
    status: document.status,
    order: document.graph.order,
    steps: document.graph.steps,
    metadata: document.metadata ?? {}
  }
}

function expectOracleOk(file: string): void {
  const verdict = oracleVerdict(file)
  expect(verdict.status, verdict.output).toBe(0)
}

/** New run… with the offline model on `toolRoot`; `stepDelayMs` undefined keeps the form's default pace. */
async function startOffline(
  page: Page,
  options: { prompt: string; toolRoot: string; stepDelayMs?: number }
): Promise<{ file: string; runId: string; bar: Locator }> {
  await page.getByTestId('new-run').click()
  const dialog = page.getByTestId('new-run-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('new-run-provider').selectOption('offline')
  await dialog.getByTestId('new-run-prompt').fill(options.prompt)
  await dialog.getByTestId('new-run-tool-root').fill(options.toolRoot)
  await expect(dialog.getByTestId('new-run-step-delay')).toHaveValue('1500')
  if (options.stepDelayMs !== undefined)
    await dialog.getByTestId('new-run-step-delay').fill(String(options.stepDelayMs))
  await dialog.getByTestId('new-run-start').click()
  await expect(dialog).toBeHidden({ timeout: 30_000 })
  const bar = page.getByTestId('agent-bar')
  await expect(bar).toBeVisible()
  const file = (await bar.getAttribute('data-file'))!
  const runId = (await bar.getAttribute('data-run-id'))!
  return { file, runId, bar }
}

/** Fills the open Continue form (prefilled from the record) and continues; returns once the continuation ran to its end. */
async function continueFromForm(page: Page, options: { prompt?: string }): Promise<void> {
  const dialog = page.getByTestId('continue-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('new-run-provider')).toHaveValue('offline')
  await expect(dialog.getByTestId('new-run-tool-list_files')).toBeChecked()
  if (options.prompt) await dialog.getByTestId('new-run-prompt').fill(options.prompt)
  await dialog.getByTestId('new-run-step-delay').fill('0')
  await dialog.getByTestId('new-run-start').click()
  await expect(dialog).toBeHidden({ timeout: 30_000 })
  await expect(page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
}

/** Compare with origin from the agent bar: the diff opens at the first divergence. */
async function compareWithOrigin(page: Page): Promise<Locator> {
  await page.getByTestId('agent-compare-origin').click()
  const view = page.getByTestId('diff-view')
  await expect(view).toHaveAttribute('data-diff-ready', 'true', { timeout: 30_000 })
  return view
}

async function openPage(page: Page, server: BrowserServer, runId: string): Promise<void> {
  await page.goto(server.url)
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
  await page.getByTestId(`run-row-${runId}`).click()
  await expect(page.getByTestId('run-graph')).toHaveAttribute('data-graph-ready', 'true')
}

test('a paused run survives a page reload and a server restart; Resume then finishes it without asking again for what was done', async ({
  browser
}, testInfo) => {
  test.skip(testInfo.project.name !== 'browser', 'restarts the browser-mode server')
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-e2e-restart-'))
  const folder = path.join(scratch, '.tine_runs')
  mkdirSync(folder)
  writeQuickCorpus(path.join(folder, 'notes'))
  const serverOptions = { paths: [folder], cacheDir: path.join(scratch, 'cache'), home: path.join(scratch, 'home') }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  let server = await startBrowserServer(serverOptions)
  try {
    const page = await context.newPage()
    await page.goto(server.url)
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
    const run = await startOffline(page, { prompt: 'Summarise the notes.', toolRoot: path.join(folder, 'notes') })
    await expect(run.bar).toHaveAttribute('data-state', 'running')
    await run.bar.getByTestId('agent-pause').click()
    await expect(run.bar).toHaveAttribute('data-state', 'paused', { timeout: 30_000 })
    const paused = savedRun(run.file)
    expect(paused.status).toBe('paused')
    expect(paused.order.length).toBeGreaterThan(0)
    expectOracleOk(run.file)

    // A reload: the server still knows the paused run, and offers Resume.
    await page.reload()
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
    await page.getByTestId(`run-row-${run.runId}`).click()
    await expect(page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'paused')
    await expect(page.getByTestId('agent-resume')).toBeVisible()

    // A restart: a new server process over the same folder and user data folder.
    await server.stop()
    server = await startBrowserServer(serverOptions)
    await openPage(page, server, run.runId)
    await page.getByTestId('tab-run').click()
    const inspector = page.getByTestId('run-inspector')
    await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
    await saveScreenshot(page, 'workflow-resume-after-restart', testInfo)
    await inspector.getByTestId('run-resume').click()
    const bar = page.getByTestId('agent-bar')
    await expect(bar).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
    await expect(page.getByTestId('continue-dialog')).toHaveCount(0)

    const finished = savedRun(run.file)
    expect(finished.status).toBe('completed')
    expect(finished.order.length).toBeGreaterThan(paused.order.length)
    // The steps before the pause are the very same records: none was asked for again.
    expect(finished.order.slice(0, paused.order.length)).toEqual(paused.order)
    for (const id of paused.order) expect(finished.steps[id].timestamp, `step ${id}`).toBe(paused.steps[id].timestamp)
    expectOracleOk(run.file)
    await expect(page.getByTestId('run-graph')).toHaveAttribute('data-step-count', String(finished.order.length))
  } finally {
    await context.close()
    await server.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
})

test('Branch after step 2, Continue with a new prompt, Compare with origin: the new steps are the divergence', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const source = await startOffline(page, {
    prompt: 'Summarise the notes.',
    toolRoot: path.join(explorer.folder, 'notes'),
    stepDelayMs: 0
  })
  await expect(source.bar).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
  const origin = savedRun(source.file)
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(origin.order.length))
  // Completed: neither Pause nor Resume; it is continued by forking.
  const inspector = await showRunInspector(explorer)
  await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
  await expect(inspector.getByTestId('run-resume')).toHaveCount(0)

  const second = origin.order[1]
  const menu = await openStepMenu(explorer, second)
  await menu.getByTestId('menu-branch').click()
  const forkDialog = page.getByTestId('fork-dialog')
  await forkDialog.getByTestId('fork-confirm').click()
  await expect(forkDialog).toBeHidden()
  await expect(page.locator('.run-header-id')).not.toHaveText(source.runId.slice(0, 12))
  await expect(explorer.graph()).toHaveAttribute('data-step-count', '2')

  // The fork is paused: Continue this run… from the Run tab.
  const forkInspector = await showRunInspector(explorer)
  await forkInspector.getByTestId('run-continue').click()
  const prompt = 'Now say which file you read.'
  await saveScreenshot(page.getByTestId('continue-dialog'), 'workflow-continue-dialog', testInfo)
  await continueFromForm(page, { prompt })
  const forkFile = (await page.getByTestId('agent-bar').getAttribute('data-file'))!
  expect(forkFile).not.toBe(source.file)
  const fork = savedRun(forkFile)
  expect(fork.metadata.forked_from).toBe(source.runId)
  expect(fork.order.slice(0, 2)).toEqual(origin.order.slice(0, 2))
  expect(fork.order.length).toBeGreaterThan(2)
  expectOracleOk(forkFile)

  const view = await compareWithOrigin(page)
  const newSteps = fork.order.slice(2)
  const markedB = view.getByTestId('diff-graph-b').locator('.react-flow__node.diff-first-divergence')
  await expect(markedB).toHaveCount(1)
  expect(newSteps).toContain(await markedB.getAttribute('data-id'))
  expect(origin.order).not.toContain(await markedB.getAttribute('data-id'))
  // Opened at the first divergence: it is the current difference, and selected in the fork's graph.
  await expect(view.getByTestId('diff-position')).toHaveAttribute('data-index', '0')
  await expect(view.getByTestId('diff-graph-b').locator('.react-flow__node.selected')).toHaveAttribute(
    'data-id',
    (await markedB.getAttribute('data-id'))!
  )
  await saveScreenshot(page, 'workflow-compare-with-origin', testInfo)
})

test('Edit a tool result, continue, and the diff shows the edit as the first divergence', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const source = await startOffline(page, {
    prompt: 'Summarise the notes.',
    toolRoot: path.join(explorer.folder, 'notes'),
    stepDelayMs: 0
  })
  await expect(source.bar).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
  const origin = savedRun(source.file)
  const toolStep = origin.order[1]
  await expect(explorer.node(toolStep)).toBeVisible()

  const menu = await openStepMenu(explorer, toolStep)
  await menu.getByTestId('menu-edit').click()
  const dialog = page.getByTestId('edit-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('edit-target-tool-result')).toBeChecked()
  const value = dialog.getByTestId('edit-value')
  await expect(value).not.toHaveValue('')
  await value.fill('{"entries": [{"path": "edited.txt", "type": "file"}]}')
  await saveScreenshot(dialog, 'workflow-edit-dialog', testInfo)
  await dialog.getByTestId('edit-confirm').click()
  await expect(dialog).toBeHidden()

  // The fork opens with the Continue form ready.
  await continueFromForm(page, {})
  const forkFile = (await page.getByTestId('agent-bar').getAttribute('data-file'))!
  const fork = savedRun(forkFile)
  expect(fork.metadata.edit.original).toBe(toolStep)
  const editedId = fork.metadata.edit.step as string
  expect(fork.order[1]).toBe(editedId)
  expect(JSON.stringify(fork.steps[editedId].outputs)).toContain('edited.txt')
  // The agent saw the edit: the next step reads the file the edited listing named.
  expect(JSON.stringify(fork.steps[fork.order[2]].outputs)).toContain('edited.txt')
  expectOracleOk(forkFile)
  expectOracleOk(source.file)

  const view = await compareWithOrigin(page)
  await expect(view.getByTestId('diff-graph-a').locator('.react-flow__node.diff-first-divergence')).toHaveAttribute(
    'data-id',
    toolStep
  )
  await expect(view.getByTestId('diff-graph-b').locator('.react-flow__node.diff-first-divergence')).toHaveAttribute(
    'data-id',
    editedId
  )
  await saveScreenshot(page, 'workflow-edit-diff', testInfo)
})

test('Pause and Cancel on the offline example at its default pace leave one status everywhere', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const run = await startOffline(page, {
    prompt: 'Summarise the notes.',
    toolRoot: path.join(explorer.folder, 'notes')
  })
  await expect(run.bar).toHaveAttribute('data-state', 'running')
  await run.bar.getByTestId('agent-pause').click()
  await expect(run.bar).toHaveAttribute('data-state', 'paused', { timeout: 30_000 })
  expect(savedRun(run.file).status).toBe('paused')
  await expect(page.getByTestId('run-header-status')).toHaveText('paused')

  await run.bar.getByTestId('agent-resume').click()
  await expect(run.bar).toHaveAttribute('data-state', 'running', { timeout: 30_000 })
  await run.bar.getByTestId('agent-cancel').click()
  await expect(run.bar).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 })
  await expect(run.bar.getByTestId('agent-state')).toHaveText('Cancelled')
  // The file says it too (as the format can: paused, marked cancelled), and every view reads it the same way.
  const saved = savedRun(run.file)
  expect(saved.status).toBe('paused')
  expect(saved.metadata.cancelled).toBe(true)
  await expect(page.getByTestId('run-header-status')).toHaveText('cancelled')
  const inspector = await showRunInspector(explorer)
  await expect(inspector.getByTestId('run-inspector-status')).toHaveText('cancelled')
  await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
  await expect(inspector.getByTestId('run-resume')).toHaveCount(0)
  await expect(inspector.getByTestId('run-continue')).toBeVisible()
  expectOracleOk(run.file)
  await saveScreenshot(page, 'workflow-cancelled', testInfo)
})

test('a completed or failed run offers neither Pause nor Resume, in the menu, the Run tab or by key', async ({
  explorer
}) => {
  for (const name of ['research-agent.tine', 'release-failed.tine']) {
    const file = explorer.file(name)
    const before = readFileSync(file)
    await explorer.rowOfFile(name).click()
    await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
    const first = await explorer.page.locator('.react-flow__node').first().getAttribute('data-id')
    const menu = await openStepMenu(explorer, first!)
    await expect(menu.getByTestId('menu-branch')).toBeVisible()
    await expect(menu.getByTestId('menu-pause')).toHaveCount(0)
    await expect(menu.getByTestId('menu-resume')).toHaveCount(0)
    await expect(menu.getByTestId('menu-continue')).toHaveCount(0)
    await explorer.page.keyboard.press('Escape')
    const inspector = await showRunInspector(explorer)
    await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
    await expect(inspector.getByTestId('run-resume')).toHaveCount(0)
    await explorer.page.locator('body').press('p')
    await explorer.page.waitForTimeout(300)
    expect(readFileSync(file).equals(before), `${name} is unchanged`).toBe(true)
    expect(runOnDisk(file).status).not.toBe('paused')
  }
})
