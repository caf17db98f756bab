/**
 * Each side of a big diff hands React Flow only the steps around the shared view, as the run graph
 * does: the DOM stays small, and "fit view" still fits the whole run, not the window it holds.
 */
import path from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test } from './support/explorer'
import { writeGeneratedRun } from './support/views-ui'

const STEPS = 6000

test.use({
  seedFolder: async ({}, use) =>
    use(async (folder: string) => {
      await writeGeneratedRun(path.join(folder, 'first.tine'), STEPS, 1)
      await writeGeneratedRun(path.join(folder, 'second.tine'), STEPS, 2)
    })
})

const held = async (graph: Locator) => Number(await graph.getAttribute('data-window-nodes'))

test('a diff of two 6,000-step runs holds a window of steps on each side, and fit view fits the whole run', async ({
  explorer
}) => {
  test.setTimeout(180_000)
  const { page } = explorer
  await explorer.row(`bench-${STEPS}-steps-seed-1`).click()
  await explorer.row(`bench-${STEPS}-steps-seed-2`).click({ modifiers: ['Control'] })
  await page.getByTestId('compare-selected').click()
  // Two generated runs share no step: the diff pairs them by position once asked.
  await page.getByRole('button', { name: 'Compare by position anyway' }).click()
  const view = page.getByTestId('diff-view')
  await expect(view).toHaveAttribute('data-diff-ready', 'true', { timeout: 120_000 })
  const sides = [view.getByTestId('diff-graph-a'), view.getByTestId('diff-graph-b')]
  const before: number[] = []
  for (const graph of sides) {
    await expect(graph).toHaveAttribute('data-step-count', String(STEPS))
    await expect(graph.locator('.react-flow__node').first()).toBeVisible()
    expect(await held(graph)).toBeGreaterThan(0)
    expect(await held(graph)).toBeLessThan(STEPS / 10)
    expect(await graph.locator('.react-flow__node').count()).toBeLessThan(STEPS / 10)
    before.push(await held(graph))
  }

  // Fit view on side A fits the whole run, not the window: a chain this long only fits at the smallest
  // zoom. Both sides' windows follow the shared view there, and are still a fraction of the run.
  await sides[0].locator('.react-flow__controls-fitview').click()
  const viewportA = sides[0].locator('.react-flow__viewport')
  await expect
    .poll(() =>
      viewportA.evaluate((element) => Number(/scale\(([\d.]+)\)/.exec((element as HTMLElement).style.transform)?.[1]))
    )
    .toBeCloseTo(0.05, 2)
  for (const [index, graph] of sides.entries()) {
    await expect.poll(() => held(graph)).toBeGreaterThan(before[index])
    expect(await held(graph)).toBeLessThan(STEPS / 10)
  }
})
