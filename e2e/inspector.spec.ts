/** Clicking a node selects it and shows that step's inputs in the step inspector. */
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { runInfo } from './support/run-files'
import { expect, test } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

test('clicking a tool node shows its inputs in the step inspector', async ({ explorer }, testInfo) => {
  const info = await runInfo(explorer.file('research-agent.tine'))
  const toolSteps = info.steps.filter((step) => step.kind === 'tool')
  expect(toolSteps.length).toBeGreaterThan(1)
  // The last tool step, so a default "first step" selection could not pass for it.
  const step = toolSteps[toolSteps.length - 1]
  const toolName = String(step.inputs.name)
  const argumentValues = Object.values(step.inputs.arguments as Record<string, unknown>).filter(
    (value): value is string => typeof value === 'string'
  )
  expect(argumentValues.length).toBeGreaterThan(0)

  await explorer.openRun(info.runId)
  await explorer.clickNode(step.id)

  const inspector = explorer.stepInspector()
  await expect(inspector).toHaveAttribute('data-step-id', step.id)
  await expect(explorer.node(step.id)).toHaveClass(/selected/)
  await expect(inspector.locator('.step-id')).toHaveText(step.id)
  const inputs = inspector.locator('.inspector-section', {
    has: explorer.page.getByRole('heading', { name: 'Inputs' })
  })
  await expect(inputs).toBeVisible()
  await expect(inputs).toContainText(toolName)
  for (const value of argumentValues) await expect(inputs).toContainText(value.slice(0, 60))
  await saveScreenshot(explorer.page.locator('.details'), 'inspector', testInfo)

  // Another node replaces the selection and the inspector follows it.
  const other = info.steps.find((candidate) => candidate.kind === 'think' && typeof candidate.inputs.text === 'string')
  if (!other) throw new Error('research-agent.tine has no think step with text')
  await explorer.clickNode(other.id)
  await expect(inspector).toHaveAttribute('data-step-id', other.id)
  await expect(inspector).toContainText(String(other.inputs.text).split('\n')[0].slice(0, 40))
  // One selected node, the new one (the old one may be off screen and not drawn at all).
  await expect(explorer.page.locator('.react-flow__node.selected')).toHaveCount(1)
  await expect(explorer.page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', other.id)
})
