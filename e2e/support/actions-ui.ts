/** Clicks the issue-4 specs share: the node menu, the fork dialog, the run inspector's buttons. */
import type { Locator } from '@playwright/test'
import { tineFilesIn } from './actions-files'
import { expect, type Explorer } from './explorer'

export type ForkMode = 'retry' | 'branch'

/** Right-clicks a graph node and returns its context menu. */
export async function openStepMenu(explorer: Explorer, stepId: string): Promise<Locator> {
  await explorer.node(stepId).click({ button: 'right' })
  const menu = explorer.page.getByTestId('step-menu')
  await expect(menu).toBeVisible()
  await expect(menu).toHaveAttribute('data-step-id', stepId)
  return menu
}

/**
 * Forks the open run through the node's context menu and the fork dialog, and returns the one new
 * file that appeared in the folder once the new run is on screen.
 */
export async function forkFromMenu(
  explorer: Explorer,
  stepId: string,
  mode: ForkMode,
  fields: { branch?: string; reason?: string } = {}
): Promise<string> {
  const before = new Set(tineFilesIn(explorer.folder))
  const menu = await openStepMenu(explorer, stepId)
  await menu.getByTestId(`menu-${mode}`).click()
  await expect(menu).toBeHidden()
  const dialog = explorer.page.getByTestId('fork-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toHaveAttribute('data-mode', mode === 'retry' ? 'before' : 'after')
  if (fields.branch !== undefined) await dialog.getByTestId('fork-branch').fill(fields.branch)
  if (fields.reason !== undefined) await dialog.getByTestId('fork-reason').fill(fields.reason)
  await dialog.getByTestId('fork-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(explorer.page.getByTestId('fork-error')).toHaveCount(0)
  let added: string[] = []
  await expect
    .poll(
      () => {
        added = tineFilesIn(explorer.folder).filter((file) => !before.has(file))
        return added.length
      },
      { message: 'the fork writes exactly one new file into the folder' }
    )
    .toBe(1)
  return added[0]
}

export async function showRunInspector(explorer: Explorer): Promise<Locator> {
  await explorer.page.getByTestId('tab-run').click()
  const inspector = explorer.page.getByTestId('run-inspector')
  await expect(inspector).toBeVisible()
  return inspector
}
