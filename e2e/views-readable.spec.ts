/**
 * Every run opens readable: on-screen step text of at least 9 px, and the step the view centres on
 * (or, for a run fitted whole, every step) wholly inside the pane with nothing on top of it.
 */
import path from 'node:path'
import { copyInto, exampleFiles, storedRunId } from './support/run-files'
import { expect, test, type Explorer } from './support/explorer'
import { readability, writeGeneratedRun } from './support/views-ui'

async function expectReadable(explorer: Explorer, what: string): Promise<void> {
  const seen = await readability(explorer.page)
  expect(seen.checked, `${what}: nodes checked`).toBeGreaterThan(0)
  expect(seen.smallestTextPx, `${what}: smallest text at zoom ${seen.zoom.toFixed(2)}`).toBeGreaterThanOrEqual(9)
  expect(seen.problems, `${what}: focused ${seen.focus || 'whole run'}`).toEqual([])
}

test('each example run opens with readable labels and nothing over its steps', async ({ explorer }) => {
  for (const file of exampleFiles()) {
    await explorer.openRun(storedRunId(file))
    await expectReadable(explorer, path.basename(file))
  }
})

test.describe('generated runs with branches', () => {
  test.use({
    seedFolder: async ({}, use) =>
      use(async (folder: string) => {
        await Promise.all(
          [40, 120, 2000].map((steps) => writeGeneratedRun(path.join(folder, `generated-${steps}.tine`), steps))
        )
      })
  })

  test('40, 120 and 2,000 steps open readable, centred on a step the minimap does not cover', async ({ explorer }) => {
    // elk lays out 2,000 steps in seconds, and the shared test machine may be slower still.
    test.setTimeout(240_000)
    for (const steps of [40, 120, 2000]) {
      await explorer.row(`bench-${steps}-steps-seed-1`).click()
      await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true', { timeout: 120_000 })
      await expect(explorer.graph()).toHaveAttribute('data-step-count', String(steps))
      await expectReadable(explorer, `${steps} steps`)
      if (steps > 40) await expect(explorer.graph()).not.toHaveAttribute('data-focus-step', '')
    }
  })

  test('the minimap can be hidden and stays hidden after a reload', async ({ explorer }) => {
    await explorer.openRun('bench-120-steps-seed-1')
    await expect(explorer.page.locator('.react-flow__minimap')).toBeVisible()
    await explorer.page.getByTestId('minimap-toggle').click()
    await expect(explorer.page.locator('.react-flow__minimap')).toHaveCount(0)
    await explorer.page.reload()
    await expect(explorer.page.locator('body')).toHaveAttribute('data-ready', 'true')
    await explorer.openRun('bench-120-steps-seed-1')
    await expect(explorer.page.locator('.react-flow__minimap')).toHaveCount(0)
    await expect(explorer.page.getByTestId('minimap-toggle')).toHaveText('Show minimap')
  })
})

test('a fork opens on its fork point with one fork badge, and zoom to selection shows the whole node', async ({
  explorer
}) => {
  const fork = exampleFiles().find((file) => file.endsWith('research-agent-retry.tine'))!
  await explorer.openRun(storedRunId(fork))
  const focus = await explorer.graph().getAttribute('data-focus-step')
  const badge = explorer.page.getByTestId('fork-point-badge')
  await expect(badge).toHaveCount(1)
  // The fork_point ref is the badge; it is not repeated as a branch label.
  await expect(explorer.page.locator('.ref-badge', { hasText: 'fork_point' })).toHaveCount(0)
  const node = focus ? explorer.node(focus) : explorer.page.locator('.react-flow__node').first()
  await node.click()
  await explorer.page.getByTestId('zoom-selection').click()
  await explorer.page.waitForTimeout(400)
  const seen = await readability(explorer.page)
  const box = await node.boundingBox()
  const pane = await explorer.graph().boundingBox()
  expect(
    box &&
      pane &&
      box.x >= pane.x &&
      box.y >= pane.y &&
      box.x + box.width <= pane.x + pane.width &&
      box.y + box.height <= pane.y + pane.height
  ).toBe(true)
  expect(seen.smallestTextPx).toBeGreaterThanOrEqual(9)
})

test('find marks every match, not only the current one', async ({ explorer }) => {
  const research = exampleFiles().find((file) => file.endsWith('research-agent.tine'))!
  await explorer.openRun(storedRunId(research))
  await explorer.page.getByTestId('step-search').fill('tool')
  await expect(explorer.page.locator('.graph-match-count')).toHaveText(/^0\/\d+$/)
  // Every step on screen whose kind or label matches is marked, and no other.
  const marks = await explorer.page.locator('.react-flow__node .step-node').evaluateAll((nodes) =>
    nodes.map((node) => ({
      expected:
        node.getAttribute('data-kind') === 'tool' ||
        (node.querySelector('.step-node-label')?.textContent ?? '').toLowerCase().includes('tool'),
      marked: node.getAttribute('data-match') === 'true'
    }))
  )
  expect(marks.filter((mark) => mark.marked).length).toBeGreaterThan(1)
  expect(marks.every((mark) => mark.expected === mark.marked)).toBe(true)
})

test('the legend names node kinds and edge styles', async ({ explorer }) => {
  await explorer.openRun(storedRunId(exampleFiles()[0]))
  await explorer.page.getByTestId('legend-toggle').click()
  const legend = explorer.page.getByTestId('graph-legend')
  for (const word of ['think', 'tool', 'model', 'done', 'error', 'fork point', 'merge', 'causal'])
    await expect(legend).toContainText(word)
})

test.describe('a run opened as a single file', () => {
  test.use({
    seedFolder: async ({}, use) => use((folder: string) => void copyInto(folder, exampleFiles().slice(0, 1)))
  })
  test('typing a .tine path opens that run', async ({ explorer }) => {
    const file = exampleFiles().find((candidate) => candidate.endsWith('release-failed.tine'))!
    await explorer.page.getByTestId('open-path-input').fill(file)
    await explorer.page.getByTestId('open-path-input').press('Enter')
    await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
    await expect(explorer.page.getByTestId('run-header')).toContainText(storedRunId(file).slice(0, 8))
  })
})
