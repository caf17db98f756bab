/**
 * Runs you can tell apart: a title per row, fork rows saying what they are, a search that
 * shows matches only with one "no match" line, new rows highlighted, and 1,000 rows kept virtual.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { exampleFiles, storedRunId } from './support/run-files'
import { expect, test } from './support/explorer'

const RESEARCH = () => exampleFiles().find((file) => file.endsWith('research-agent.tine'))!

test('rows carry a title, and a branch made in the app says what it is', async ({ explorer }) => {
  const research = RESEARCH()
  const runId = storedRunId(research)
  // The title is the prompt's first line, not the run's id.
  const title = (await explorer.row(runId).getByTestId('row-title').textContent()) ?? ''
  expect(title.length).toBeGreaterThan(12)
  expect(runId.startsWith(title)).toBe(false)

  // Branch after a step from the app: the new row says so, with its branch name.
  await explorer.openRun(storedRunId(research))
  const node = explorer.page.locator('.react-flow__node').nth(3)
  await node.click({ button: 'right' })
  await explorer.page.getByRole('menuitem', { name: /Branch after/ }).click()
  await explorer.page.getByTestId('fork-branch').fill('try-other-source')
  await explorer.page.getByTestId('fork-confirm').click()
  const forkRow = explorer.page.locator('[data-testid^="run-row-"]', { hasText: 'try-other-source' }).first()
  await expect(forkRow.getByTestId('row-fork')).toHaveText(/^branch after #\d+$/)
})

test('a search shows only matches, and one "no match" line when nothing matches', async ({ explorer }) => {
  await explorer.page.getByTestId('run-search').fill('zzzz-nothing-matches-this')
  await expect(explorer.rows()).toHaveCount(0)
  await expect(explorer.page.getByText('No run matches the search.')).toHaveCount(1)
})

test.describe('a folder of 1,000 runs', () => {
  test.use({
    seedFolder: async ({}, use) =>
      use((folder: string) => {
        for (let i = 0; i < 1000; i++)
          copyFileSync(RESEARCH(), path.join(folder, `copy-${String(i).padStart(4, '0')}.tine`))
      })
  })

  test('renders only the rows on screen, and highlights a run the watcher adds', async ({ explorer }) => {
    test.setTimeout(180_000)
    await expect(explorer.page.getByTestId('run-list')).toHaveAttribute('data-rows', '1000', { timeout: 120_000 })
    const rendered = await explorer.rows().count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(100)

    const release = exampleFiles().find((file) => file.endsWith('release-failed.tine'))!
    writeFileSync(path.join(explorer.folder, 'arrived.tine'), readFileSync(release))
    const row = explorer.rowOfFile('arrived.tine')
    await expect(row).toHaveAttribute('data-fresh', 'true')
    await expect(row).not.toHaveAttribute('data-fresh', 'true', { timeout: 10_000 })
  })
})
