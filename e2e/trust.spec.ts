/**
 * A file edited by hand (a value in its body changed, its digest kept) opens with the mismatch
 * banner, read-only: no fork, retry, pause or resume anywhere, and the server refuses them too.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { inspectRun, oracle } from './support/actions-files'
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

const WRITE_MENU_ITEMS = ['menu-retry', 'menu-branch', 'menu-edit', 'menu-pause', 'menu-resume', 'menu-continue']

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

test('a tampered copy opens read-only with the mismatch banner, and offers no write action', async ({
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

  // A clicked node: no Retry or Branch in the step inspector, nor in its menu.
  await explorer.clickNode(step.id)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', step.id)
  await expect(explorer.stepInspector().getByTestId('step-actions')).toBeVisible()
  await expect(explorer.stepInspector().getByTestId('step-retry')).toHaveCount(0)
  await expect(explorer.stepInspector().getByTestId('step-branch')).toHaveCount(0)
  const menu = await openStepMenu(explorer, step.id)
  await expect(menu.getByTestId('menu-compare')).toBeVisible()
  for (const item of WRITE_MENU_ITEMS) await expect(menu.getByTestId(item)).toHaveCount(0)
  await explorer.page.keyboard.press('Escape')
  await expect(menu).toBeHidden()

  // Nor through the shortcuts.
  await explorer.clickNode(step.id)
  for (const key of ['r', 'b', 'p']) await explorer.page.keyboard.press(key)
  await nextFrames(explorer.page)
  await expect(explorer.page.getByTestId('fork-dialog')).toHaveCount(0)
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
