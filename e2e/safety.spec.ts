/**
 * Step text is untrusted. Markup in prompts, step inputs and tool outputs is shown as text and
 * never runs: window.__pwned stays undefined wherever the text is displayed.
 */
import { writeHostileRun } from './support/run-files'
import { HOSTILE_IMG, HOSTILE_SCRIPT } from './support/hostile-text'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test, type Explorer } from './support/explorer'
import { copyInto, exampleFiles, runInfo } from './support/run-files'

test.afterAll(copyScreenshotsToArtifacts)

const HOSTILE_FILE = 'hostile-markup.tine'

test.use({
  seedFolder: async ({}, use) =>
    use(async (folder: string) => {
      copyInto(folder, exampleFiles())
      await writeHostileRun(`${folder}/${HOSTILE_FILE}`)
    })
})

async function assertNothingRan(explorer: Explorer): Promise<void> {
  const state = await explorer.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    onerrorAttributes: document.querySelectorAll('[onerror]').length,
    injectedScripts: [...document.scripts].filter((script) => (script.textContent ?? '').includes('__pwned')).length,
    remoteImages: [...document.images].filter((image) => image.getAttribute('src') === 'x').length
  }))
  expect(state).toEqual({ pwned: undefined, onerrorAttributes: 0, injectedScripts: 0, remoteImages: 0 })
}

test('markup in step text is shown as text and runs nothing', async ({ explorer }, testInfo) => {
  const dialogs: string[] = []
  explorer.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const info = await runInfo(explorer.file(HOSTILE_FILE))
  const stepOf = (kind: string) => info.steps.find((step) => step.kind === kind)?.id ?? `no ${kind} step`
  const hostile = { runId: info.runId, stepIds: { think: stepOf('think'), tool: stepOf('tool'), done: stepOf('done') } }
  await explorer.openRun(hostile.runId)
  // The node label carries the text too.
  await expect(explorer.node(hostile.stepIds.think)).toContainText('<img')

  await explorer.clickNode(hostile.stepIds.think)
  const inspector = explorer.stepInspector()
  await expect(inspector).toHaveAttribute('data-step-id', hostile.stepIds.think)
  await expect(inspector.locator('.markdown').first()).toContainText(HOSTILE_IMG)
  await expect(inspector.locator('.markdown').first()).toContainText(HOSTILE_SCRIPT)
  await assertNothingRan(explorer)

  await explorer.clickNode(hostile.stepIds.tool)
  await expect(inspector).toHaveAttribute('data-step-id', hostile.stepIds.tool)
  await expect(inspector).toContainText(`<html>${HOSTILE_SCRIPT}${HOSTILE_IMG}</html>`)
  await assertNothingRan(explorer)

  // Markdown still renders (bold), while the markup beside it stays text.
  await explorer.clickNode(hostile.stepIds.done)
  await expect(inspector).toHaveAttribute('data-step-id', hostile.stepIds.done)
  await expect(inspector.locator('.markdown strong').first()).toHaveText('Done.')
  await expect(inspector.locator('.markdown').first()).toContainText(HOSTILE_IMG)
  await saveScreenshot(explorer.page.locator('.details'), 'inspector-hostile-text', testInfo)
  await assertNothingRan(explorer)

  await explorer.page.getByTestId('tab-run').click()
  const runInspector = explorer.page.getByTestId('run-inspector')
  await expect(runInspector).toContainText(HOSTILE_IMG)
  await expect(runInspector).toContainText(HOSTILE_SCRIPT)
  await assertNothingRan(explorer)

  await explorer.page.getByTestId('tab-transcript').click()
  await expect(explorer.page.getByTestId('transcript')).toBeVisible()
  await assertNothingRan(explorer)
  expect(dialogs).toEqual([])
})
