/**
 * The views beside the graph, through real clicks in browser mode: the timeline shares the graph's
 * selection, heat by cost marks the costliest step hottest, a deep link survives a reload, a dropped
 * file opens, and an exported HTML file opens from disk with the network off. Screenshots of each view.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { exampleFiles, storedRunId } from './support/run-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test, type Explorer } from './support/explorer'

const research = () => exampleFiles().find((file) => file.endsWith('research-agent.tine'))!

test.afterAll(() => copyScreenshotsToArtifacts())

async function firstNodeId(explorer: Explorer, nth = 0): Promise<string> {
  const id = await explorer.page.locator('.react-flow__node').nth(nth).getAttribute('data-id')
  if (!id) throw new Error('no node on screen')
  return id
}

test('the timeline selects the same step as the graph, both ways', async ({ explorer }) => {
  await explorer.openRun(storedRunId(research()))
  const fromGraph = await firstNodeId(explorer, 2)
  await explorer.node(fromGraph).click()
  await explorer.page.getByTestId('view-timeline').click()
  await expect(explorer.page.getByTestId(`timeline-bar-${fromGraph}`)).toHaveAttribute('aria-pressed', 'true')

  const other = explorer.page.locator('[data-testid^="timeline-bar-"][aria-pressed="false"]').first()
  const otherId = (await other.getAttribute('data-step-id'))!
  await other.click()
  await expect(explorer.stepInspector()).toContainText(otherId.slice(0, 8))
  await explorer.page.getByTestId('view-graph').click()
  await expect(explorer.node(otherId)).toHaveClass(/selected/)
})

test('heat by cost colours the most expensive step hottest', async ({ explorer }) => {
  await explorer.openRun(storedRunId(research()))
  // The costliest step, as the table sorts it (its own code path, not the heat scale's).
  await explorer.page.getByTestId('view-table').click()
  await explorer.page.getByTestId('step-table-sort-cost').click()
  await expect(explorer.page.getByTestId('step-table-sort-cost')).toHaveAttribute('aria-sort', 'descending')
  const top = explorer.page.locator('[data-testid^="step-table-row-"]').first()
  const costliest = (await top.getAttribute('data-testid'))!.replace('step-table-row-', '')
  await top.click()

  await explorer.page.getByTestId('heat-select').selectOption('cost')
  await explorer.page.getByTestId('view-graph').click()
  await expect(explorer.page.getByTestId('heat-legend')).toContainText('cost')
  const heats = await explorer.page.locator('.react-flow__node .step-node[data-heat]').evaluateAll((nodes) =>
    nodes.map((node) => ({
      id: node.closest('.react-flow__node')?.getAttribute('data-id'),
      heat: Number(node.getAttribute('data-heat'))
    }))
  )
  const hottest = heats.reduce((best, node) => (node.heat > best.heat ? node : best))
  expect(hottest.id).toBe(costliest)
  expect(hottest.heat).toBe(1)

  // H lists the hottest steps, the costliest first; the timeline's bars carry the same heat.
  await explorer.page.locator('body').press('h')
  await expect(explorer.page.getByTestId('hottest-steps').locator('button.hottest-row').first()).toHaveAttribute(
    'data-testid',
    `hottest-${costliest}`
  )
  await explorer.page.getByTestId('view-timeline').click()
  await expect(explorer.page.getByTestId(`timeline-bar-${costliest}`)).toHaveAttribute('data-heat', '1.0000')
})

test('a deep link restores the run, the step and the view after a reload', async ({ explorer }) => {
  await explorer.openRun(storedRunId(research()))
  const stepId = await firstNodeId(explorer, 1)
  await explorer.node(stepId).click()
  await explorer.page.getByTestId('view-outline').click()
  await expect.poll(() => new URL(explorer.page.url()).searchParams.get('step')).toBe(stepId)
  const link = explorer.page.url()
  expect(link).not.toContain('token=')

  await explorer.page.reload()
  await expect(explorer.page.locator('body')).toHaveAttribute('data-ready', 'true')
  await expect(explorer.page.getByTestId('outline')).toBeVisible()
  await expect(explorer.page.getByTestId(`outline-row-${stepId}`)).toHaveAttribute('aria-selected', 'true')
  await expect(explorer.stepInspector()).toContainText(stepId.slice(0, 8))

  // Pasted into the address bar of the same tab, it opens the same place.
  await explorer.page.goto('about:blank')
  await explorer.page.goto(link)
  await expect(explorer.page.getByTestId(`outline-row-${stepId}`)).toHaveAttribute('aria-selected', 'true')
})

test('a dropped .tine file opens read-only and can be saved into the folder', async ({ explorer }) => {
  const source = exampleFiles().find((file) => file.endsWith('release-failed.tine'))!
  const bytes = readFileSync(source).toString('base64')
  const dataTransfer = await explorer.page.evaluateHandle((base64) => {
    const binary = atob(base64)
    const data = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i)
    const transfer = new DataTransfer()
    transfer.items.add(new File([data], 'dropped run.tine', { type: 'application/json' }))
    return transfer
  }, bytes)
  await explorer.page.dispatchEvent('body', 'dragenter', { dataTransfer })
  await explorer.page.dispatchEvent('body', 'drop', { dataTransfer })
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
  await expect(explorer.page.getByTestId('run-header')).toContainText(storedRunId(source).slice(0, 8))
  await expect(explorer.page.getByTestId('save-copy')).toBeVisible()

  await explorer.page.getByTestId('save-copy').click()
  await explorer.page.getByTestId('save-copy-confirm').click()
  const saved = path.join(explorer.folder, 'dropped run.tine')
  await expect.poll(() => existsSync(saved)).toBe(true)
  expect(readFileSync(saved).equals(readFileSync(source))).toBe(true)
  await expect(explorer.page.getByTestId('save-copy')).toHaveCount(0)
})

test('an exported run opens from file:// with the network off and shows the run', async ({
  explorer,
  browser
}, testInfo) => {
  const runId = storedRunId(research())
  await explorer.openRun(runId)
  const [download] = await Promise.all([
    explorer.page.waitForEvent('download'),
    explorer.page.getByTestId('export-html').click()
  ])
  const file = testInfo.outputPath('research-agent.html')
  await download.saveAs(file)
  const html = readFileSync(file, 'utf8')
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/)

  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } })
  const requests: string[] = []
  context.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
      requests.push(request.url())
  })
  try {
    const page = await context.newPage()
    await page.goto(`file://${file}`)
    await expect(page.getByTestId('run-graph')).toHaveAttribute('data-graph-ready', 'true')
    await expect(page.getByTestId('run-header')).toContainText(runId.slice(0, 8))
    const node = page.locator('.react-flow__node').nth(1)
    const stepId = (await node.getAttribute('data-id'))!
    await node.click()
    await expect(page.getByTestId('step-inspector')).toContainText(stepId.slice(0, 8))
    await page.getByTestId('view-timeline').click()
    await expect(page.getByTestId(`timeline-bar-${stepId}`)).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByText('read-only').first()).toBeVisible()
    expect(requests).toEqual([])
  } finally {
    await context.close()
  }
  writeFileSync(testInfo.outputPath('size.txt'), String(html.length))
})

test('screenshots of each view in light and dark', async ({ explorer }, testInfo) => {
  const retry = exampleFiles().find((file) => file.endsWith('research-agent-retry.tine'))!
  await explorer.openRun(storedRunId(retry))
  const page = explorer.page
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => {
      localStorage.setItem('tine_theme', value)
      document.documentElement.dataset.theme = value
    }, theme)
    while ((await page.getByTestId('theme-toggle').textContent()) !== `Theme: ${theme}`)
      await page.getByTestId('theme-toggle').click()
    await page.getByTestId('heat-select').selectOption('off')
    await page.getByTestId('view-graph').click()
    await page.locator('.react-flow__node').nth(2).click()
    await saveScreenshot(page, `views-graph-${theme}`, testInfo)
    await page.getByTestId('legend-toggle').click()
    await saveScreenshot(page, `views-graph-legend-${theme}`, testInfo)
    await page.getByTestId('legend-toggle').click()
    await page.getByTestId('heat-select').selectOption('cost')
    await saveScreenshot(page, `views-heat-cost-${theme}`, testInfo)
    await page.locator('body').press('h')
    await saveScreenshot(page, `views-hottest-${theme}`, testInfo)
    await page.locator('body').press('Escape')
    for (const view of ['timeline', 'outline', 'table'] as const) {
      await page.getByTestId(`view-${view}`).click()
      await saveScreenshot(page, `views-${view}-${theme}`, testInfo)
    }
  }
})

test('an exported side-by-side diff opens from file:// with the network off', async ({
  explorer,
  browser
}, testInfo) => {
  const fork = exampleFiles().find((file) => file.endsWith('research-agent-retry.tine'))!
  await explorer.openRun(storedRunId(fork))
  await explorer.page.keyboard.press('d')
  await expect(explorer.page.getByTestId('diff-view')).toHaveAttribute('data-diff-ready', 'true')
  const [download] = await Promise.all([
    explorer.page.waitForEvent('download'),
    explorer.page.getByTestId('diff-export-html').click()
  ])
  const file = testInfo.outputPath('compare.html')
  await download.saveAs(file)

  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(`file://${file}`)
    await expect(page.getByTestId('diff-view')).toHaveAttribute('data-diff-ready', 'true')
    await expect(page.locator('.react-flow__node').first()).toBeVisible()
  } finally {
    await context.close()
  }
})
