/**
 * A link in step text may be any length: its confirmation stays within the window with Cancel on
 * screen, and Escape closes it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from './support/explorer'
import { exampleFiles } from './support/run-files'

const ORIGINAL_TEXT = 'Pick sources to read.'
const LONG_URL = `https://example.com/${'a'.repeat(512 * 1024)}`

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => {
      const source = exampleFiles().find((file) => file.endsWith('research-agent.tine'))!
      const original = readFileSync(source, 'utf8')
      writeFileSync(
        path.join(folder, 'long-link.tine'),
        original.replace(ORIGINAL_TEXT, `Read [the sources](${LONG_URL}).`)
      )
    })
})

test('a 512 KB link asks first in a dialog that fits the window, and Escape closes it', async ({ explorer }) => {
  const raw = JSON.parse(readFileSync(explorer.file('long-link.tine'), 'utf8')) as {
    graph: { steps: Record<string, { inputs: unknown }> }
  }
  const stepId = Object.keys(raw.graph.steps).find((id) =>
    JSON.stringify(raw.graph.steps[id].inputs).includes(LONG_URL)
  )!
  await explorer.rowOfFile('long-link.tine').click()
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
  await explorer.clickNode(stepId)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', stepId)
  // The text is longer than one rendered chunk: "show all" renders the whole link.
  await explorer.stepInspector().getByTestId('text-more').getByRole('button', { name: 'show all' }).click()
  await explorer.stepInspector().locator('.md-link', { hasText: 'the sources' }).click()

  const dialog = explorer.page.getByTestId('link-confirm')
  await expect(dialog).toBeVisible()
  const box = await dialog.boundingBox()
  const viewport = explorer.page.viewportSize()!
  expect(box!.height).toBeLessThanOrEqual(viewport.height)
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport()
  await expect(dialog.getByRole('button', { name: 'Open in browser' })).toBeInViewport()
  await explorer.page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})
