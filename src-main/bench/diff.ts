/**
 * Side-by-side diff: two 15,900-step runs that share their first 15,000 steps, each continued
 * with 900 steps of its own, as a retry branch and its origin would be. "Ready to view" is
 * buildDiffView (spec §15 pairing, states, difference walk, summary) plus the JSON text that
 * carries it to the renderer; the runs are already loaded (the load section times that).
 */
import '../store/node-hash'
import { buildDiffView } from '../../src-shared/run/diff/diff-view'
import type { Run } from '../../src-shared/run/run'
import { obj } from '../../src-shared/tine/json-value'
import { generateLargeRun } from '../examples/generate-large-run'
import { measureInterleaved } from './timing'
import type { BenchContext, BenchResult, BenchSection } from './types'

export const SHARED_STEPS = 15_000
export const OWN_STEPS = 900

/** Continues `run` on main with `count` think/tool/model steps whose text depends on `variant`. */
function continueRun(run: Run, count: number, variant: string): void {
  for (let i = 0; i < count; i++) {
    const timestamp = 1767300000 + i
    if (i % 3 === 0)
      run.addStep({
        kind: 'think',
        inputs: obj({ text: `${variant}: look at the failing case ${i} again` }),
        timestamp,
        duration: 0.2
      })
    else if (i % 3 === 1) {
      run.addStep({
        kind: 'tool',
        inputs: obj({ name: 'read_file', arguments: obj({ path: `src/${variant}/${i}.ts` }) }),
        outputs: obj({ result: `${i}: export const value = ${i}` }),
        toolInfo: obj({ name: 'read_file' }),
        timestamp,
        duration: 0.05
      })
    } else {
      run.addStep({
        kind: 'model',
        inputs: obj({ text: `${variant} plan ${i}` }),
        usage: obj({ input: BigInt(900 + i), output: 40n }),
        cost: 0.0004,
        timestamp,
        duration: 1.5
      })
    }
  }
}

export function sharedPrefixPair(): { a: Run; b: Run } {
  const base = generateLargeRun({ steps: SHARED_STEPS, seed: 1 })
  const a = base.clone()
  const b = base.clone()
  b.id = `${base.id}-retry`
  continueRun(a, OWN_STEPS, 'origin')
  continueRun(b, OWN_STEPS, 'retry')
  return { a, b }
}

function diffCase(context: BenchContext): Array<Record<string, number | string>> {
  const { a, b } = sharedPrefixPair()
  context.log(
    `runs of ${a.stepCount.toLocaleString('en-US')} and ${b.stepCount.toLocaleString('en-US')} steps, ${SHARED_STEPS.toLocaleString('en-US')} shared`
  )
  const check = buildDiffView(a, b)
  if (check.summary.changed + check.summary.added + check.summary.removed !== check.differences.length)
    throw new Error('diff view counts disagree with its difference walk')
  const timings = measureInterleaved(context, {
    graph: () => JSON.stringify(buildDiffView(a, b)),
    actions: () => JSON.stringify(buildDiffView(a, b, { toolCallsOnly: true }))
  })
  const graphView = check
  const actionsView = buildDiffView(a, b, { toolCallsOnly: true })
  const row = (mode: string, ms: number, view: typeof check) => ({
    case: `${a.stepCount.toLocaleString('en-US')} vs ${b.stepCount.toLocaleString('en-US')} steps`,
    mode,
    ms,
    differences: view.differences.length,
    changed: view.summary.changed,
    budgetMs: 300
  })
  return [
    row('graph (spec §15)', timings.graph.medianMs, graphView),
    row('actions only', timings.actions.medianMs, actionsView)
  ]
}

export const diffSection: BenchSection = {
  name: 'diff',
  description: 'side-by-side diff view of two 15,900-step runs sharing 15,000 steps',
  run(context): BenchResult {
    return {
      title: 'Diff view (buildDiffView + JSON for the renderer)',
      columns: [
        { key: 'case', label: 'runs' },
        { key: 'mode', label: 'mode' },
        { key: 'ms', label: 'ready ms', digits: 0 },
        { key: 'budgetMs', label: 'budget ms', digits: 0 },
        { key: 'differences', label: 'differences', digits: 0 },
        { key: 'changed', label: 'changed pairs', digits: 0 }
      ],
      rows: diffCase(context),
      notes: [
        `median of ${context.repeats} rounds after ${context.warmup} warm-up round(s); both modes alternate within each round`,
        'the runs are built in memory; loading them is timed by the load section'
      ]
    }
  }
}
