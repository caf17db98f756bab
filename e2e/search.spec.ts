/**
 * Searching the run list with opentine's query grammar. The expected runs come from `tine search`
 * over the same folder, so the list and the CLI must agree on every query.
 */
import { cliSearch } from './support/run-files'
import { expect, test, type Explorer } from './support/explorer'

async function shownRunIds(explorer: Explorer): Promise<string[]> {
  const ids = await explorer
    .rows()
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')?.replace(/^run-row-/, '') ?? ''))
  return ids.sort()
}

const QUERIES = [
  'status:failed',
  'cost:>0.05',
  'tag:research model:sonnet',
  'status:completed',
  'vector',
  'cost:<0.01 after:2026-01-01',
  'model:opus'
]

test('queries filter the list exactly as `tine search` does', async ({ explorer }) => {
  const search = explorer.page.getByTestId('run-search')
  const total = await explorer.rows().count()
  expect(total).toBeGreaterThanOrEqual(5)
  const seenCounts = new Set<number>()
  for (const query of QUERIES) {
    const expected = await cliSearch(explorer.scratch, query)
    if (!('runIds' in expected)) throw new Error(`tine search refused ${query}: ${expected.error}`)
    seenCounts.add(expected.runIds.length)
    await search.fill(query)
    await expect.poll(() => shownRunIds(explorer), { message: `rows for ${query}` }).toEqual(expected.runIds)
    await expect(explorer.page.getByTestId('run-search-count')).toContainText(`${expected.runIds.length} of ${total}`)
  }
  // The queries must actually discriminate: some match few runs, some none or several.
  expect(seenCounts.size).toBeGreaterThan(2)

  await search.press('Escape')
  await expect(explorer.rows()).toHaveCount(total)
})

test('a malformed query shows why it was not understood', async ({ explorer }) => {
  const search = explorer.page.getByTestId('run-search')
  for (const query of ['cost:>abc', 'after:yesterday', '"unclosed']) {
    const expected = await cliSearch(explorer.scratch, query)
    if (!('error' in expected)) throw new Error(`tine search accepted ${query}`)
    await search.fill(query)
    const error = explorer.page.getByTestId('run-search-error')
    await expect(error).toBeVisible()
    await expect(error).toContainText(expected.error)
    await expect(search).toHaveAttribute('aria-invalid', 'true')
  }
  await search.fill('status:failed')
  await expect(explorer.page.getByTestId('run-search-error')).toHaveCount(0)
  await expect(search).not.toHaveAttribute('aria-invalid', 'true')
})
