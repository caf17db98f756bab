/**
 * Agent runs in the app (issue 5), with the built-in offline model: no network, no key.
 * A run started from New run grows on screen step by step; Pause stops it at a step boundary and
 * saves it paused, Resume finishes it; Retry this step with changes forks and runs it again, and the
 * diff view shows what the edit changed. Every file the agent wrote passes the Python oracle.
 */
import path from 'node:path'
import { openStepMenu } from './support/actions-ui'
import { oracleVerdict, runOnDisk, startOfflineRun, writeQuickCorpus, writeSlowCorpus } from './support/agents-ui'
import { expect, test } from './support/explorer'
import { copyInto, exampleFiles } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'

// A runner boots in a child process (a few seconds through tsx) and the slow search takes seconds more.
test.setTimeout(120_000)
test.afterAll(copyScreenshotsToArtifacts)

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => {
      copyInto(folder, exampleFiles())
      writeSlowCorpus(path.join(folder, 'slow-corpus'))
      writeQuickCorpus(path.join(folder, 'notes'))
    })
})

function expectOracleOk(file: string): void {
  const verdict = oracleVerdict(file)
  expect(verdict.status, verdict.output).toBe(0)
}

test('New run starts the offline agent and its nodes appear on the graph as the steps land', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const graph = explorer.graph()
  const run = await startOfflineRun(explorer, {
    prompt: 'Look through the corpus and summarise it.',
    toolRoot: path.join(explorer.folder, 'slow-corpus'),
    via: 'shortcut',
    beforeStart: async (dialog) => {
      await saveScreenshot(dialog, 'agents-new-run-dialog', testInfo)
    }
  })
  // The run is written beside the other runs of the opened folder, and listed there.
  expect(path.dirname(run.file)).toBe(explorer.folder)
  await expect(explorer.row(run.runId)).toBeVisible()

  // While the agent works, the inspector says what it is doing; the step count only grows.
  const seen: number[] = []
  let sawActivity = false
  for (let polls = 0; polls < 600; polls++) {
    const state = await run.bar.getAttribute('data-state')
    const count = Number((await graph.getAttribute('data-step-count')) ?? '0')
    if (seen.length === 0 || seen[seen.length - 1] !== count) seen.push(count)
    if (!sawActivity && (state === 'running' || state === 'starting')) {
      sawActivity = (await page.getByTestId('agent-activity').count()) > 0
      if (sawActivity) await saveScreenshot(page, 'agents-running', testInfo)
    }
    if (state === 'completed') break
    await page.waitForTimeout(50)
  }
  await expect(run.bar).toHaveAttribute('data-state', 'completed')
  const saved = runOnDisk(run.file)
  await expect(graph).toHaveAttribute('data-step-count', String(saved.steps))
  seen.push(saved.steps)
  expect(sawActivity, 'the step inspector showed the step being worked on').toBe(true)
  expect(
    [...seen].sort((a, b) => a - b),
    `counts seen: ${seen.join(' → ')}`
  ).toEqual(seen)
  expect(seen[0], `counts seen: ${seen.join(' → ')}`).toBeLessThan(saved.steps)
  // The graph keeps the user's viewport as it grows; fitting it shows every node.
  await page.locator('.react-flow__controls-fitview').click()
  await expect(page.locator('.react-flow__node')).toHaveCount(saved.steps)
  test.info().annotations.push({ type: 'step counts seen', description: seen.join(' → ') })
  await expect(page.getByTestId('agent-activity')).toHaveCount(0)
  expect(saved.status).toBe('completed')
  expectOracleOk(run.file)
})

test('Pause stops at the next step boundary and saves the run paused; Resume runs it to completion', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const run = await startOfflineRun(explorer, {
    prompt: 'Search the corpus, then summarise.',
    toolRoot: path.join(explorer.folder, 'slow-corpus')
  })
  await run.bar.getByTestId('agent-pause').click()
  await expect(run.bar).toHaveAttribute('data-state', /pausing|paused/)
  await expect(run.bar).toHaveAttribute('data-state', 'paused', { timeout: 30_000 })
  await expect(run.bar.getByTestId('agent-resume')).toBeVisible()
  await expect(run.bar.getByTestId('agent-pause')).toHaveCount(0)
  await saveScreenshot(page, 'agents-paused', testInfo)

  const paused = runOnDisk(run.file)
  expect(paused.status).toBe('paused')
  expectOracleOk(run.file)
  // What is on screen is what is on disk, and the run is not finished.
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(paused.steps))
  await page.waitForTimeout(500)
  expect(runOnDisk(run.file).steps).toBe(paused.steps)

  await run.bar.getByTestId('agent-resume').click()
  await expect(run.bar).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
  const finished = runOnDisk(run.file)
  expect(finished.status).toBe('completed')
  expect(finished.steps).toBeGreaterThan(paused.steps)
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(finished.steps))
  expectOracleOk(run.file)
})

test('Retry this step with changes forks the run with an edited prompt; the diff shows what changed', async ({
  explorer
}, testInfo) => {
  const { page } = explorer
  const source = await startOfflineRun(explorer, {
    prompt: 'Summarise the notes.',
    toolRoot: path.join(explorer.folder, 'notes')
  })
  await expect(source.bar).toHaveAttribute('data-state', 'completed', { timeout: 30_000 })
  const sourceSteps = runOnDisk(source.file).steps
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(sourceSteps))

  // The live graph followed the run to its last step; fitting the view (which stops the following) shows the first again.
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
  await page.locator('.react-flow__controls-fitview').click()
  // The first step is the model call that read the prompt (found by its id: the DOM's node order is not the run's).
  const firstId = runOnDisk(source.file).firstStepId
  if (!firstId) throw new Error('the run has no first step')
  const menu = await openStepMenu(explorer, firstId)
  await menu.getByTestId('menu-retry-changes').click()
  const dialog = page.getByTestId('retry-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('retry-prompt')).toHaveValue('Summarise the notes.')
  await dialog.getByTestId('retry-prompt').fill('Summarise the notes in one line, for the release manager.')
  await saveScreenshot(dialog, 'agents-retry-dialog', testInfo)
  await dialog.getByTestId('retry-start').click()
  await expect(dialog).toBeHidden({ timeout: 30_000 })

  const bar = page.getByTestId('agent-bar')
  await expect(bar).not.toHaveAttribute('data-file', source.file)
  await expect(bar).toHaveAttribute('data-state', 'completed', { timeout: 30_000 })
  const forkFile = (await bar.getAttribute('data-file'))!
  const fork = runOnDisk(forkFile)
  expect(fork.status).toBe('completed')
  expect(fork.forkedFrom).toBe(source.runId)
  expectOracleOk(forkFile)
  expectOracleOk(source.file)
  expect(runOnDisk(source.file).steps).toBe(sourceSteps)

  // The fork against its origin: the edited prompt changed the run from its first step.
  await page.getByTestId('tab-run').click()
  await page.getByTestId('run-compare').click()
  const diff = page.getByTestId('diff-view')
  await expect(diff).toBeVisible()
  // Forked before its first step, the retry shares no step with its origin: the app says so first.
  await expect(diff.getByTestId('diff-unrelated')).toBeVisible()
  await diff.getByTestId('diff-unrelated-continue').click()
  const summary = diff.getByTestId('diff-summary')
  await expect(summary).toBeVisible()
  const changed = Number(await summary.getByTestId('diff-changed').getAttribute('data-value'))
  const added = Number(await summary.getByTestId('diff-added').getAttribute('data-value'))
  expect(changed + added, `changed ${changed}, added ${added}`).toBeGreaterThan(0)
  await saveScreenshot(page, 'agents-retry-diff', testInfo)
})
