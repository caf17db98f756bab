/**
 * Forking from a clicked step: "Retry this step" keeps the step's ancestors and drops the step,
 * "Branch after this step" keeps the step too. Each fork is a new, valid file beside its source,
 * which stays byte-identical; forking one step twice gives two files.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { closureOf, inspectRun, oracle, tineFilesIn, type InspectedRun } from './support/actions-files'
import { forkFromMenu } from './support/actions-ui'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test, type Explorer } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

/** The fork is a valid file of its own, named by its run id, in the source's folder. */
async function expectValidForkFile(explorer: Explorer, file: string, fork: InspectedRun): Promise<void> {
  expect(path.dirname(file)).toBe(explorer.folder)
  expect(path.basename(file)).toBe(`${fork.runId}.tine`)
  const verdict = await oracle(file)
  expect(verdict.code, verdict.output).toBe(0)
  expect(verdict.output).toMatch(/digest=OK/)
  expect(verdict.output).toMatch(/fork=act-id OK/)
  expect(verdict.output).not.toMatch(/differs/)
  expect(fork.integrityOk).toBe(true)
}

/** The new run is listed, open, and shows the fork point selected. */
async function expectForkOnScreen(explorer: Explorer, fork: InspectedRun, forkPoint: string): Promise<void> {
  await expect(explorer.row(fork.runId)).toBeVisible()
  await expect(explorer.row(fork.runId)).toHaveAttribute('aria-selected', 'true')
  await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
  await expect(explorer.graph()).toHaveAttribute('data-step-count', String(fork.steps.length))
  await expect(explorer.node(forkPoint)).toHaveClass(/selected/)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', forkPoint)
}

test("Retry this step: the new run holds the step's ancestors without the step; the source is unchanged", async ({
  explorer
}, testInfo) => {
  const sourceFile = explorer.file('incident-merge.tine')
  const sourceBytes = readFileSync(sourceFile)
  const source = await inspectRun(sourceFile)
  // The step right after the merge: its ancestors span both merged branches.
  const merge = source.steps.find((step) => step.parentIds.length === 2)
  if (!merge) throw new Error('incident-merge.tine has no merge step')
  const step = source.steps.find((candidate) => candidate.parentIds.length === 1 && candidate.parentIds[0] === merge.id)
  if (!step) throw new Error('incident-merge.tine has no step after its merge')
  const expected = closureOf(source, step.id).filter((id) => id !== step.id)
  expect(expected.length).toBeGreaterThanOrEqual(4)
  expect(expected.length).toBeLessThan(source.steps.length - 1)

  await explorer.openRun(source.runId)
  await explorer.clickNode(step.id)
  await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', step.id)
  const file = await forkFromMenu(explorer, step.id, 'retry')

  const fork = await inspectRun(file)
  expect(fork.order).toEqual(expected)
  expect(fork.order).not.toContain(step.id)
  expect(fork.runId).not.toBe(source.runId)
  expect(fork.forkedFrom).toBe(source.runId)
  expect(fork.forkPoint).toBe(merge.id)
  expect(fork.refs.main).toBe(merge.id)
  // Spec 9.4 says `running`; this app starts forks paused on purpose (nothing executes them yet).
  expect(['running', 'paused']).toContain(fork.status)
  await expectValidForkFile(explorer, file, fork)
  await expectForkOnScreen(explorer, fork, merge.id)
  await saveScreenshot(explorer.page, 'retry-fork', testInfo)

  expect(readFileSync(sourceFile).equals(sourceBytes)).toBe(true)
})

test('Branch after this step: the step is kept, with the branch name and the reason recorded', async ({ explorer }) => {
  const sourceFile = explorer.file('research-agent.tine')
  const sourceBytes = readFileSync(sourceFile)
  const source = await inspectRun(sourceFile)
  const step = source.steps.find((candidate, index) => candidate.kind === 'tool' && index > source.steps.length / 3)
  if (!step) throw new Error('research-agent.tine has no tool step past its first third')
  const expected = closureOf(source, step.id)
  expect(expected).toContain(step.id)
  expect(expected.length).toBeLessThan(source.steps.length)

  await explorer.openRun(source.runId)
  await explorer.clickNode(step.id)
  const reason = 'the second search returned stale results'
  const file = await forkFromMenu(explorer, step.id, 'branch', { branch: 'fresh-search', reason })

  const fork = await inspectRun(file)
  expect(fork.order).toEqual(expected)
  expect(fork.order[fork.order.length - 1]).toBe(step.id)
  expect(fork.forkedFrom).toBe(source.runId)
  expect(fork.forkPoint).toBe(step.id)
  expect(fork.refs['fresh-search']).toBe(step.id)
  expect(fork.refs.fork_point).toBe(step.id)
  // Spec 9.4 says `running`; this app starts forks paused on purpose (nothing executes them yet).
  expect(['running', 'paused']).toContain(fork.status)
  // Spec 9.2: the reason is the fork intent, stored as the hash of its canonical JSON.
  const { createHash } = await import('node:crypto')
  const intent = createHash('sha256').update(JSON.stringify({ reason })).digest('hex')
  expect(fork.fork?.intent).toBe(intent)
  expect(fork.fork?.branch).toBe('fresh-search')
  expect(fork.fork?.point).toBe(step.id)
  await expectValidForkFile(explorer, file, fork)
  await expectForkOnScreen(explorer, fork, step.id)

  expect(readFileSync(sourceFile).equals(sourceBytes)).toBe(true)
})

test('forking the same step twice gives two distinct files, and neither overwrites the other', async ({ explorer }) => {
  const sourceFile = explorer.file('release-failed.tine')
  const sourceBytes = readFileSync(sourceFile)
  const source = await inspectRun(sourceFile)
  const step = source.steps[source.steps.length - 1]
  expect(step.parentIds.length).toBe(1)
  const filesBefore = tineFilesIn(explorer.folder).length

  await explorer.openRun(source.runId)
  const first = await forkFromMenu(explorer, step.id, 'retry')
  const firstBytes = readFileSync(first)

  // Back to the source, and the same step again, this time from the step inspector's button.
  await explorer.openRun(source.runId)
  await explorer.clickNode(step.id)
  const before = new Set(tineFilesIn(explorer.folder))
  await explorer.stepInspector().getByTestId('step-retry').click()
  const dialog = explorer.page.getByTestId('fork-dialog')
  await expect(dialog).toHaveAttribute('data-mode', 'before')
  await dialog.getByTestId('fork-confirm').click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => tineFilesIn(explorer.folder).length).toBe(filesBefore + 2)
  const second = tineFilesIn(explorer.folder).find((file) => !before.has(file))
  if (!second) throw new Error('the second fork wrote no new file')

  expect(second).not.toBe(first)
  expect(readFileSync(first).equals(firstBytes)).toBe(true)
  const [one, two] = [await inspectRun(first), await inspectRun(second)]
  expect(one.runId).not.toBe(two.runId)
  expect(one.order).toEqual(two.order)
  expect(one.forkPoint).toBe(step.parentIds[0])
  expect(two.forkPoint).toBe(step.parentIds[0])
  expect(one.fork?.nonce).not.toBe(two.fork?.nonce)
  for (const file of [first, second]) expect((await oracle(file)).code).toBe(0)
  await expect(explorer.row(one.runId)).toBeVisible()
  await expect(explorer.row(two.runId)).toBeVisible()

  expect(readFileSync(sourceFile).equals(sourceBytes)).toBe(true)
})
