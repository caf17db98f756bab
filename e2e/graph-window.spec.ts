/**
 * A big run's graph hands React Flow only the steps around the view (graph-window.ts): the
 * window follows the view to the far end of the run, "fit view" still fits the whole run, and
 * zoomed out past reading the steps are drawn as plain boxes.
 */
import path from 'node:path'
import { expect, test } from './support/explorer'
import { writeGeneratedRun } from './support/views-ui'

const STEPS = 6000

test.use({
  seedFolder: async ({}, use) =>
    use((folder: string) => writeGeneratedRun(path.join(folder, `generated-${STEPS}.tine`), STEPS))
})

test('a 6,000-step graph holds a window of steps that follows the view, and fit view shows the whole run', async ({
  explorer
}) => {
  test.setTimeout(180_000)
  const { page } = explorer
  await explorer.row(`bench-${STEPS}-steps-seed-1`).click()
  const graph = explorer.graph()
  await expect(graph).toHaveAttribute('data-graph-ready', 'true', { timeout: 120_000 })
  await expect(graph).toHaveAttribute('data-step-count', String(STEPS))
  const held = Number(await graph.getAttribute('data-window-nodes'))
  expect(held).toBeGreaterThan(0)
  expect(held).toBeLessThan(STEPS / 10)
  await expect(page.locator('.react-flow__node').first()).toBeVisible()

  // The last step is thousands of rows below the first view: the window has to move there with it.
  await page.getByTestId('step-search').fill('done')
  await page.getByTestId('step-search').press('Enter')
  await expect(page.locator('.react-flow__node .step-node[data-kind="done"]')).toBeVisible()
  expect(Number(await graph.getAttribute('data-window-nodes'))).toBeLessThan(STEPS / 10)

  const viewport = page.locator('.react-flow__viewport')
  const before = await viewport.evaluate((element) => (element as HTMLElement).style.transform)
  await page.locator('.react-flow__controls-fitview').click()
  await expect.poll(() => viewport.evaluate((element) => (element as HTMLElement).style.transform)).not.toBe(before)
  // Fitted to the run, not to the window it holds: a run this long only fits at the smallest zoom.
  const zoom = await viewport.evaluate((element) =>
    Number(/scale\(([\d.]+)\)/.exec((element as HTMLElement).style.transform)?.[1])
  )
  expect(zoom).toBeCloseTo(0.05, 2)
  // Zoomed out past reading, each step is one plain box: no text, a fraction of the DOM.
  await expect(page.locator('.react-flow__node .step-dot').first()).toBeVisible()
  await expect(page.locator('.react-flow__node .step-node-label')).toHaveCount(0)

  // Back at a readable zoom the steps have their text again.
  await page.locator('.react-flow__node').first().click()
  await page.getByTestId('zoom-selection').click()
  await expect(page.locator('.react-flow__node .step-node-label').first()).toBeVisible()
})
