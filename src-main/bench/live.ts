/**
 * Live runs: the renderer's cost of one agent step landing in the open graph, at different run
 * lengths up to 2,000 steps. "Patch" is what the app does for a `steps` push (the store appends the step, the
 * graph and its layout are extended, placed nodes are reused); "reload" is what a reload costs the
 * renderer for the same step (a new view, the whole graph and layout rebuilt), measured in the same
 * run. React's own rendering is not included (no DOM here): only the data path it is fed by.
 */
import '../store/node-hash'
import { buildRunView, stepSummary } from '../../src-shared/api/run-view'
import type { RunView } from '../../src-shared/api/types'
import { buildRunGraph, type RunGraph } from '../../src-renderer/graph/build-run-graph'
import { fastLayout } from '../../src-renderer/graph/layout-fast'
import { extendLayout, placedLayout, type PlacedLayout } from '../../src-renderer/graph/layout-extend'
import { positionsById } from '../../src-renderer/graph/layout-types'
import { placeNodes } from '../../src-renderer/graph/placed-nodes'
import { createTineStore } from '../../src-renderer/store/store'
import { generateLargeRun } from '../examples/generate-large-run'
import { checkGoal } from './goals'
import { median } from './timing'
import type { BenchResult, BenchSection } from './types'

export const LIVE_STEPS = 2000
const MARKS = [100, 500, 1000, 2000]

interface PerStep {
  patchMs: number[]
  reloadMs: number[]
}

function grow(full: RunView, context: { log(line: string): void }): Map<number, PerStep> {
  const store = createTineStore()
  const start: RunView = { ...full, steps: full.steps.slice(0, 1) }
  store.getState().beginRunLoad(full.file)
  store.getState().finishRunLoad(start)
  let graph: RunGraph = buildRunGraph(start)
  let layout: PlacedLayout = placedLayout(graph.layout, positionsById(graph.layout, fastLayout(graph.layout)))
  const samples = new Map<number, PerStep>(MARKS.map((mark) => [mark, { patchMs: [], reloadMs: [] }]))
  for (let count = 2; count <= full.steps.length; count++) {
    const began = performance.now()
    store.getState().appendRunSteps({
      file: full.file,
      runId: full.runId,
      steps: full.steps.slice(count - 1, count),
      stepCount: count
    })
    graph = buildRunGraph(store.getState().openRun!, graph)
    layout =
      extendLayout(layout, graph.layout) ??
      placedLayout(graph.layout, positionsById(graph.layout, fastLayout(graph.layout)))
    placeNodes(graph, layout.positions)
    const patchMs = performance.now() - began
    // Sampled around each mark only: the reload path is what grows, and timing it at every step would take minutes.
    const mark = MARKS.find((value) => count > value - 20 && count <= value)
    if (mark !== undefined) samples.get(mark)!.patchMs.push(patchMs)
  }
  // The reloads are timed after the growth: placing a reloaded graph would reset what the patches reuse.
  for (const mark of MARKS) {
    for (let count = mark - 19; count <= mark; count++) {
      const reloadStarted = performance.now()
      const reloaded: RunView = { ...full, steps: full.steps.slice(0, count).map((step) => ({ ...step })) }
      const rebuilt = buildRunGraph(reloaded)
      placeNodes(rebuilt, positionsById(rebuilt.layout, fastLayout(rebuilt.layout)))
      samples.get(mark)!.reloadMs.push(performance.now() - reloadStarted)
    }
  }
  context.log(`grew a run to ${full.steps.length} steps one patch at a time`)
  return samples
}

export const liveSection: BenchSection = {
  name: 'live',
  description: 'renderer cost per live agent step, at 100 to 2,000 steps: patch vs reload',
  run(context): BenchResult {
    const run = generateLargeRun({ steps: LIVE_STEPS, seed: 7 })
    const full = buildRunView(run, { file: '/bench/live.tine', mtimeMs: 0, size: 0 })
    // Step summaries as the runner sends them.
    full.steps = run.steps.map((step, index) => stepSummary(step, index))
    let samples = grow(full, context)
    for (let i = 1; i < Math.min(context.repeats, 3); i++) {
      const again = grow(full, context)
      for (const [mark, per] of again) {
        samples.get(mark)!.patchMs.push(...per.patchMs)
        samples.get(mark)!.reloadMs.push(...per.reloadMs)
      }
    }
    const first = median(samples.get(MARKS[0])!.patchMs)
    const rows = MARKS.map((mark) => {
      const patchMs = median(samples.get(mark)!.patchMs)
      const reloadMs = median(samples.get(mark)!.reloadMs)
      return {
        case: `at ${mark.toLocaleString('en-US')} steps`,
        patchMs,
        reloadMs,
        ratio: reloadMs / patchMs,
        growth: patchMs / first
      }
    })
    samples = new Map()
    return {
      title: `Live runs: renderer cost of one agent step (goal: flat up to ${LIVE_STEPS.toLocaleString('en-US')} steps)`,
      columns: [
        { key: 'case', label: 'run length' },
        { key: 'patchMs', label: 'patch ms/step', digits: 3 },
        { key: 'reloadMs', label: 'reload ms/step', digits: 2 },
        { key: 'ratio', label: 'reload / patch', digits: 0 },
        { key: 'growth', label: 'patch vs at 100', digits: 2 }
      ],
      rows,
      goals: [checkGoal('live-flat', { ms: Number(rows[rows.length - 1].patchMs), baselineMs: first })],
      notes: [
        "patch: store.appendRunSteps + buildRunGraph extending the previous graph + extendLayout + placeNodes (the open graph's data path per step)",
        'reload (the baseline, in the same run): a fresh view of the same steps, buildRunGraph from scratch, the fast layout of every step, placeNodes; the load itself (main side) is not counted',
        `median over the 20 steps before each mark, over ${Math.min(context.repeats, 3)} growths`,
        'the graph, its layout graph and the placed layout grow in place (work per step: the new steps); what still scales with the run is one flat copy each of the steps, the placed nodes and the placed edges, the new arrays React and React Flow need to see a change',
        'React rendering is not included (no DOM); unchanged nodes keep their objects, so memoised node components skip them'
      ]
    }
  }
}
