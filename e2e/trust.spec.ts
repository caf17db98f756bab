/**
 * A file edited by hand (a value in its body changed, its digest kept) opens with the mismatch
 * banner, read-only: no menu item, button or shortcut writes it without the user's one explicit
 * confirmation, and the server refuses writes without the override too. After confirming, a fork is
 * written, and the new run's banner says it was forked from a file that failed its check.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { inspectRun, oracle, tineFilesIn } from './support/actions-files'
import { openStepMenu, showRunInspector } from './support/actions-ui'
import { copyInto, exampleFiles } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test, type Explorer } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

const ORIGINAL_TEXT = 'Pick sources to read.'
const TAMPERED_TEXT = 'Pick cheaper sources to read.'

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => {
      copyInto(folder, exampleFiles())
      const original = readFileSync(path.join(folder, 'research-agent.tine'), 'utf8')
      if (original.split(ORIGINAL_TEXT).length !== 2)
        throw new Error(`research-agent.tine must hold "${ORIGINAL_TEXT}" once`)
      writeFileSync(path.join(folder, 'tampered.tine'), original.replace(ORIGINAL_TEXT, TAMPERED_TEXT))
    })
})

async function openFile(explorer: Explorer, name: string): Promise<void> {
  await explorer.rowOfFile(name).click()
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
}

/** Lets React commit whatever the last key press changed before asserting that nothing appeared. */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
  )
}

/** Calls the server the way the page does (the page's cookie carries the token). */
function invoke(
  page: Page,
  channel: string,
  request: unknown
): Promise<{ status: number; body: { error?: string; code?: string } }> {
  return page.evaluate(
    async ({ channel, request }) => {
      const response = await fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin'
      })
      return { status: response.status, body: (await response.json()) as { error?: string; code?: string } }
    },
    { channel, request }
  )
}

test('a tampered copy opens read-only with the mismatch banner, and nothing writes it without the confirmation', async ({
  explorer
}, testInfo) => {
  const file = explorer.file('tampered.tine')
  const bytes = readFileSync(file)
  const verdict = await oracle(file)
  expect(verdict.code, 'the oracle rejects the tampered copy').not.toBe(0)
  const run = await inspectRun(file)
  expect(run.integrityOk).toBe(false)
  const step = run.steps[run.steps.length - 2]

  await openFile(explorer, 'tampered.tine')
  const banner = explorer.page.getByTestId('trust-banner')
  await expect(banner).toHaveAttribute('data-integrity', 'mismatch')
  await expect(banner.getByTestId('trust-integrity')).toContainText(/mismatch/i)
  await expect(banner.getByTestId('read-only-notice')).toBeVisible()
  await saveScreenshot(explorer.page, 'tampered-read-only', testInfo)

  // The run inspector: no Pause, no Resume.
  const inspector = await showRunInspector(explorer)
  await expect(inspector.getByTestId('run-compare')).toBeVisible()
  await expect(inspector.getByTestId('run-pause')).toHaveCount(0)
  await expect(inspector.getByTestId('run-resume')).toHaveCount(0)

  await expect(inspector.getByTestId('run-integrity-failed')).toContainText('digest mismatch')

  // The menu's write items open the fork dialog, whose submit waits for the confirmation.
  await explorer.clickNode(step.id)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', step.id)
  const menu = await openStepMenu(explorer, step.id)
  await expect(menu.getByTestId('menu-read-only')).toContainText('each write asks you to confirm')
  await menu.getByTestId('menu-branch').click()
  const dialog = explorer.page.getByTestId('fork-dialog')
  await expect(dialog.getByTestId('integrity-override')).toContainText('failed its integrity check (digest mismatch)')
  await expect(dialog.getByTestId('fork-confirm')).toBeDisabled()
  // Enter in a field submits the form, never past the unticked confirmation.
  await dialog.getByTestId('fork-branch').press('Enter')
  await nextFrames(explorer.page)
  await expect(dialog).toBeVisible()
  await explorer.page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  // The shortcuts open the same confirming dialog; P on a completed run means nothing.
  await explorer.clickNode(step.id)
  for (const key of ['r', 'b']) {
    await explorer.page.keyboard.press(key)
    await expect(dialog.getByTestId('fork-confirm')).toBeDisabled()
    await explorer.page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
  }
  await explorer.page.keyboard.press('p')
  await nextFrames(explorer.page)
  await expect(explorer.page.getByTestId('integrity-confirm-dialog')).toHaveCount(0)
  await expect(explorer.page.getByTestId('conflict-dialog')).toHaveCount(0)

  // The server refuses the writes on its own.
  const stat = statSync(file)
  const fork = await invoke(explorer.page, 'runs.fork', { file, stepId: step.id, mode: 'after' })
  expect(fork.status).toBeGreaterThanOrEqual(400)
  const pause = await invoke(explorer.page, 'runs.setStatus', {
    file,
    status: 'paused',
    expected: { mtimeMs: stat.mtimeMs, size: stat.size }
  })
  expect(pause.status).toBeGreaterThanOrEqual(400)

  expect(readFileSync(file).equals(bytes)).toBe(true)
  expect((await inspectRun(file)).status).toBe(run.status)
})

test('after the explicit confirmation a tampered copy is forked, and the fork says it came from a failed check', async ({
  explorer
}, testInfo) => {
  const file = explorer.file('tampered.tine')
  const bytes = readFileSync(file)
  const run = await inspectRun(file)
  const step = run.steps[run.steps.length - 2]
  await openFile(explorer, 'tampered.tine')
  await explorer.clickNode(step.id)
  await explorer.stepInspector().getByTestId('step-branch').click()
  const dialog = explorer.page.getByTestId('fork-dialog')
  await dialog.getByTestId('integrity-override-confirm').check()
  await saveScreenshot(explorer.page, 'tampered-fork-confirm', testInfo)
  await dialog.getByTestId('fork-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(explorer.page.getByTestId('fork-error')).toHaveCount(0)

  const banner = explorer.page.getByTestId('trust-banner')
  await expect(banner).toHaveAttribute('data-integrity', 'ok')
  const warning = banner.locator('[data-testid="trust-warning"][data-state="integrity-override"]')
  await expect(warning).toHaveText('forked from a file that failed its integrity check (digest mismatch)')
  await saveScreenshot(explorer.page, 'tampered-fork-banner', testInfo)

  const forks = tineFilesIn(explorer.folder).filter((name) => JSON.parse(readFileSync(name, 'utf8')).metadata?.warnings)
  expect(forks).toHaveLength(1)
  const written = JSON.parse(readFileSync(forks[0], 'utf8'))
  expect(written.metadata.warnings).toEqual([
    { kind: 'integrity-override', action: 'fork', reason: 'digest mismatch', source_run: run.runId }
  ])
  expect(written.metadata.forked_from).toBe(run.runId)
  expect(readFileSync(file).equals(bytes)).toBe(true)
})

test('the untouched original of the same run opens verified, with every write action offered', async ({ explorer }) => {
  const run = await inspectRun(explorer.file('research-agent.tine'))
  const step = run.steps[run.steps.length - 2]
  await openFile(explorer, 'research-agent.tine')
  const banner = explorer.page.getByTestId('trust-banner')
  await expect(banner).toHaveAttribute('data-integrity', 'ok')
  await expect(banner).toHaveAttribute('data-signature', 'unsigned')
  await expect(explorer.page.getByTestId('read-only-notice')).toHaveCount(0)
  // Completed: no Pause, but the write actions of a step are all there.
  await expect((await showRunInspector(explorer)).getByTestId('run-compare')).toBeVisible()
  await explorer.clickNode(step.id)
  await expect(explorer.stepInspector().getByTestId('step-retry')).toBeVisible()
  await expect(explorer.stepInspector().getByTestId('step-branch')).toBeVisible()
  const menu = await openStepMenu(explorer, step.id)
  for (const item of ['menu-retry', 'menu-branch', 'menu-edit']) await expect(menu.getByTestId(item)).toBeEnabled()
  await explorer.page.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  // The shortcut the tampered copy ignores works here.
  await explorer.clickNode(step.id)
  await explorer.page.keyboard.press('b')
  await expect(explorer.page.getByTestId('fork-dialog')).toHaveAttribute('data-mode', 'after')
  await explorer.page.keyboard.press('Escape')
  await expect(explorer.page.getByTestId('fork-dialog')).toHaveCount(0)
})
