/**
 * runs.diff, runs.stepPair and runs.lineage through the real service on copies of the examples:
 * the diff's numbers are the drift counts `tine diff --json` prints for the same two files, and
 * the lineage is the family the files' forked_from links describe.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ForkResultView } from '../../../src-shared/api/action-types'
import type { DiffView } from '../../../src-shared/run/diff/diff-view-model'
import type { LineageNode } from '../../../src-shared/run/lineage'
import type { StepPairDetail } from '../../../src-shared/run/diff/step-delta'
import { REPO_ROOT } from '../../../e2e/kit/paths'
import { openExamples, rawRun, recordEvents, type OpenedExamples } from '../../testing/actions-support'
import { errorCode } from '../../testing/support'
import { EXAMPLES_DIR } from '../../../e2e/kit/run-files'

let opened: OpenedExamples
let origin: string
let retry: string

beforeAll(async () => {
  opened = await openExamples('tine-compare-')
  origin = path.join(opened.runsDir, 'research-agent.tine')
  retry = path.join(opened.runsDir, 'research-agent-retry.tine')
})

afterAll(() => opened.service.close())

function cliDiff(a: string, b: string): { common_ancestor: string; drift: Record<string, string[]> } {
  const result = spawnSync('node', [path.join(REPO_ROOT, 'src-main/cli/bin.mjs'), 'diff', a, b, '--json'], {
    encoding: 'utf8',
    cwd: REPO_ROOT
  })
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(result.stdout)
}

function allNodes(forest: LineageNode[]): LineageNode[] {
  return forest.flatMap((node) => [node, ...allNodes(node.children)])
}

describe('runs.diff', () => {
  test('the summary equals the drift counts of `tine diff --json`, and every difference is walked', async () => {
    const view = (await opened.service.dispatch('runs.diff', { fileA: origin, fileB: retry })) as DiffView
    const printed = cliDiff(origin, retry)
    expect(view.a).toEqual({ runId: rawRun(origin).run_id, file: origin })
    expect(view.b).toEqual({ runId: rawRun(retry).run_id, file: retry })
    expect(view.commonAncestor).toBe(printed.common_ancestor)
    expect(view.summary.added).toBe(printed.drift.only_replay.length)
    expect(view.summary.removed).toBe(printed.drift.only_source.length)
    const changedShorts = new Set(
      [...printed.drift.structural, ...printed.drift.accounting]
        .filter((line) => !/ (missing|added)$/.test(line))
        .map((line) => line.split(' ')[0])
    )
    expect(view.summary.changed).toBe(changedShorts.size)
    expect(view.summary.changed + view.summary.added + view.summary.removed).toBeGreaterThan(0)
    expect(view.differences).toHaveLength(view.summary.changed + view.summary.added + view.summary.removed)
    expect(view.firstDivergence.a ?? view.firstDivergence.b).not.toBeNull()
  })

  test('the step-pair panel of each difference names its steps', async () => {
    const view = (await opened.service.dispatch('runs.diff', { fileA: origin, fileB: retry })) as DiffView
    for (const difference of view.differences) {
      const pair = (await opened.service.dispatch('runs.stepPair', {
        fileA: origin,
        stepA: difference.a,
        fileB: retry,
        stepB: difference.b
      })) as StepPairDetail
      expect(pair.a).toBe(difference.a)
      expect(pair.b).toBe(difference.b)
      expect(pair.fields.length).toBeGreaterThan(0)
    }
    expect(
      await errorCode(
        opened.service.dispatch('runs.stepPair', { fileA: origin, stepA: 'no-such-step', fileB: retry, stepB: null })
      )
    ).toBe('unknown-step')
  })

  test('"compare tool calls only" pairs by tool calls', async () => {
    const view = (await opened.service.dispatch('runs.diff', {
      fileA: origin,
      fileB: retry,
      toolCallsOnly: true
    })) as DiffView
    expect(view.mode).toBe('tool-calls')
    expect(Object.keys(view.stepsA).sort()).toEqual([...rawRun(origin).graph.order].sort())
  })

  test('both files are confined to the opened folders', async () => {
    const outside = path.join(EXAMPLES_DIR, 'research-agent.tine')
    expect(await errorCode(opened.service.dispatch('runs.diff', { fileA: origin, fileB: outside }))).toBe(
      'forbidden-path'
    )
    expect(await errorCode(opened.service.dispatch('runs.diff', { fileA: outside, fileB: origin }))).toBe(
      'forbidden-path'
    )
  })
})

describe('runs.lineage', () => {
  test('the examples: the retry hangs under its origin at its fork point; the other runs stand alone', async () => {
    const forest = (await opened.service.dispatch('runs.lineage', {})) as LineageNode[]
    const nodes = allNodes(forest)
    const names = opened.runsDir
    expect(nodes.map((node) => node.file).sort()).toEqual(
      ['incident-merge', 'refactor-paused', 'release-failed', 'research-agent-retry', 'research-agent']
        .map((name) => path.join(names, `${name}.tine`))
        .sort()
    )
    const originNode = forest.find((node) => node.file === origin)!
    expect(originNode.runId).toBe(rawRun(origin).run_id)
    expect(originNode.children.map((child) => child.file)).toEqual([retry])
    expect(originNode.children[0]).toMatchObject({
      forkedFrom: rawRun(origin).run_id,
      forkPoint: rawRun(retry).metadata.fork_point
    })
    for (const root of forest) if (root !== originNode) expect(root.children).toEqual([])
  })

  test('a new fork joins its family as soon as it is listed', async () => {
    const recorder = recordEvents(opened.service)
    const step = rawRun(origin).graph.order[3]
    const fork = (await opened.service.dispatch('runs.fork', {
      file: origin,
      stepId: step,
      mode: 'after'
    })) as ForkResultView
    await recorder.waitFor((event) => event.kind === 'add' && event.file === fork.file)
    recorder.stop()
    const forest = (await opened.service.dispatch('runs.lineage', {})) as LineageNode[]
    const originNode = forest.find((node) => node.file === origin)!
    expect(originNode.children.map((child) => child.file).sort()).toEqual([retry, fork.file].sort())
    expect(originNode.children.find((child) => child.file === fork.file)).toMatchObject({
      runId: fork.runId,
      forkPoint: step
    })
  })
})
