/**
 * The side-by-side diff of a fork against its origin: the first divergence is marked, "Next
 * difference" walks every difference (each changed pair, each one-sided step) once, and the
 * summary's numbers are those of `tine diff --json` and `tine cost --json`.
 */
import type { Locator } from '@playwright/test'
import { cliJson, inspectRun } from './support/actions-files'
import { copyScreenshotsToArtifacts, saveScreenshot } from './support/screenshots'
import { expect, test } from './support/explorer'

test.afterAll(copyScreenshotsToArtifacts)

interface CliDiff {
  drift: { structural: string[]; accounting: string[]; only_source: string[]; only_replay: string[] }
  identical: boolean
  common_ancestor: string | null
  left: { run_id: string }
  right: { run_id: string }
}

interface CliCost {
  total_cost: number
  total_tokens: number
}

/** `tine diff --json` read back as counts: changed pairs (by A's short id, with their fields) and one-sided steps. */
function driftCounts(diff: CliDiff) {
  const changed = new Map<string, string[]>()
  for (const entry of [...diff.drift.structural, ...diff.drift.accounting]) {
    const [short, field] = entry.split(' ')
    if (field === 'missing' || field === 'added') continue
    changed.set(short, [...(changed.get(short) ?? []), field])
  }
  return { changed, removed: new Set(diff.drift.only_source), added: new Set(diff.drift.only_replay) }
}

async function numberIn(cell: Locator): Promise<number> {
  return Number(await cell.getAttribute('data-value'))
}

/**
 * The step selected in one graph once it is drawn: the graphs pan to the difference (animated) and
 * draw only what is on screen, so the selected node may take a moment to appear.
 */
async function selectedIn(graph: Locator, expected: 0 | 1): Promise<string | null> {
  const selected = graph.locator('.react-flow__node.selected')
  await expect(selected).toHaveCount(expected)
  return expected === 0 ? null : selected.getAttribute('data-id')
}

test('a fork against its origin: first divergence marked, every difference walked, summary equal to tine diff --json', async ({
  explorer
}, testInfo) => {
  const fileA = explorer.file('research-agent.tine')
  const fileB = explorer.file('research-agent-retry.tine')
  const [runA, runB] = [await inspectRun(fileA), await inspectRun(fileB)]
  expect(runB.forkedFrom).toBe(runA.runId)
  const cli = await cliJson<CliDiff>(explorer.folder, 'diff', fileA, fileB)
  expect(cli.identical).toBe(false)
  const expected = driftCounts(cli)
  const [costA, costB] = [
    await cliJson<CliCost>(explorer.folder, 'cost', fileA),
    await cliJson<CliCost>(explorer.folder, 'cost', fileB)
  ]

  // Open the fork and press D: it compares with its origin, the origin on side A.
  await explorer.openRun(runB.runId)
  await explorer.page.keyboard.press('d')
  const view = explorer.page.getByTestId('diff-view')
  await expect(view).toHaveAttribute('data-diff-ready', 'true')
  const graphA = view.getByTestId('diff-graph-a')
  const graphB = view.getByTestId('diff-graph-b')
  await expect(graphA).toHaveAttribute('data-step-count', String(runA.steps.length))
  await expect(graphB).toHaveAttribute('data-step-count', String(runB.steps.length))

  // The summary is the CLI's.
  const summary = view.getByTestId('diff-summary')
  expect(await numberIn(summary.getByTestId('diff-added'))).toBe(expected.added.size)
  expect(await numberIn(summary.getByTestId('diff-removed'))).toBe(expected.removed.size)
  expect(await numberIn(summary.getByTestId('diff-changed'))).toBe(expected.changed.size)
  expect(await numberIn(summary.getByTestId('diff-cost-a'))).toBeCloseTo(costA.total_cost, 9)
  expect(await numberIn(summary.getByTestId('diff-cost-b'))).toBeCloseTo(costB.total_cost, 9)
  expect(await numberIn(summary.getByTestId('diff-tokens-a'))).toBe(costA.total_tokens)
  expect(await numberIn(summary.getByTestId('diff-tokens-b'))).toBe(costB.total_tokens)
  await expect(summary.getByTestId('diff-added')).toHaveText(String(expected.added.size))
  await expect(summary.getByTestId('diff-removed')).toHaveText(String(expected.removed.size))
  await expect(summary.getByTestId('diff-changed')).toHaveText(String(expected.changed.size))

  // The first divergence: A's first step, in its order, that the CLI reports changed or missing.
  const firstA = runA.order.find((id) => expected.changed.has(id.slice(0, 12)) || expected.removed.has(id.slice(0, 12)))
  if (!firstA) throw new Error('the CLI reports no divergence on side A')
  const markedA = graphA.locator('.react-flow__node.diff-first-divergence')
  await expect(markedA).toHaveCount(1)
  await expect(markedA).toHaveAttribute('data-id', firstA)
  await expect(markedA).toContainText('first divergence')
  const markedB = graphB.locator('.react-flow__node.diff-first-divergence')
  await expect(markedB).toHaveCount(1)
  const markedBState = await markedB.locator('[data-diff-state]').first().getAttribute('data-diff-state')
  expect(['changed', 'only-b']).toContain(markedBState)
  // The shared prefix ends at the CLI's common ancestor, and every drawn step of it is dimmed as shared.
  const sharedPrefix = runA.order.slice(0, runA.order.indexOf(firstA))
  expect(sharedPrefix[sharedPrefix.length - 1]).toBe(cli.common_ancestor)
  for (const graph of [graphA, graphB]) {
    await expect(
      graph.locator(`.react-flow__node[data-id="${cli.common_ancestor}"] [data-diff-state]`).first()
    ).toHaveAttribute('data-diff-state', 'shared')
    const drawn = await graph
      .locator('.react-flow__node')
      .evaluateAll((nodes) =>
        nodes.map(
          (node) =>
            [
              node.getAttribute('data-id'),
              node.querySelector('[data-diff-state]')?.getAttribute('data-diff-state')
            ] as const
        )
      )
    const drawnPrefix = drawn.filter(([id]) => id !== null && sharedPrefix.includes(id))
    expect(drawnPrefix.length).toBeGreaterThan(0)
    for (const [id, state] of drawnPrefix) expect(state, `step ${id}`).toBe('shared')
  }
  await saveScreenshot(explorer.page, 'diff-view', testInfo)

  // Walk with "Next difference" to the end.
  const position = view.getByTestId('diff-position')
  const total = expected.changed.size + expected.added.size + expected.removed.size
  await expect(position).toHaveAttribute('data-count', String(total))
  const next = view.getByTestId('diff-next')
  const walked = { changed: new Set<string>(), removed: new Set<string>(), added: new Set<string>() }
  for (let index = 0; index < total; index++) {
    await expect(next).toBeEnabled()
    await next.click()
    await expect(position).toHaveAttribute('data-index', String(index))
    const kind = await position.getAttribute('data-kind')
    if (kind === 'changed') {
      const a = await selectedIn(graphA, 1)
      const b = await selectedIn(graphB, 1)
      if (!a || !b) throw new Error(`difference ${index} is a changed pair, but the selection is A ${a} / B ${b}`)
      await expect(graphA.locator(`.react-flow__node[data-id="${a}"] [data-diff-state]`).first()).toHaveAttribute(
        'data-diff-state',
        'changed'
      )
      await expect(graphB.locator(`.react-flow__node[data-id="${b}"] [data-diff-state]`).first()).toHaveAttribute(
        'data-diff-state',
        'changed'
      )
      // The pair panel lists exactly the fields the CLI reports for this step.
      const panel = view.getByTestId('diff-pair-panel')
      await expect(panel).toHaveAttribute('data-state', 'ready')
      const fields = await panel
        .locator('[data-testid="pair-field"]:not(.pair-field-key)')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field')))
      expect(fields.sort()).toEqual([...(expected.changed.get(a.slice(0, 12)) ?? [])].sort())
      walked.changed.add(a.slice(0, 12))
    } else if (kind === 'only-a') {
      await selectedIn(graphB, 0)
      const a = await selectedIn(graphA, 1)
      await expect(graphA.locator(`.react-flow__node[data-id="${a}"] [data-diff-state]`).first()).toHaveAttribute(
        'data-diff-state',
        'only-a'
      )
      walked.removed.add(String(a).slice(0, 12))
    } else if (kind === 'only-b') {
      await selectedIn(graphA, 0)
      const b = await selectedIn(graphB, 1)
      await expect(graphB.locator(`.react-flow__node[data-id="${b}"] [data-diff-state]`).first()).toHaveAttribute(
        'data-diff-state',
        'only-b'
      )
      walked.added.add(String(b).slice(0, 12))
    } else {
      throw new Error(`difference ${index} has kind ${kind}`)
    }
  }
  await expect(next).toBeDisabled()
  expect([...walked.changed].sort()).toEqual([...expected.changed.keys()].sort())
  expect([...walked.removed].sort()).toEqual([...expected.removed].sort())
  expect([...walked.added].sort()).toEqual([...expected.added].sort())

  // Shift+N goes back one, moving both graphs to the previous difference.
  await explorer.page.keyboard.press('Shift+N')
  await expect(position).toHaveAttribute('data-index', String(total - 2))
  await view.getByTestId('diff-prev').click()
  await expect(position).toHaveAttribute('data-index', String(total - 3))
})
