/**
 * `tine diff A B`: step-by-step differences paired by graph position (spec §15). A one-line summary
 * comes first (added, removed, changed; cost and token deltas), then every changed and one-sided step
 * by number, kind and label.
 */
import type { Command } from 'commander'
import { stepLabel } from '../../../src-shared/run/step-label'
import { obj, type JsonObject, type JsonValue } from '../../../src-shared/tine/json-value'
import { totalCost, totalTokens } from '../../../src-shared/run/cost'
import { diffRuns, type RunDiff, type StepPair } from '../../../src-shared/run/diff/diff'
import { formatCost, formatTokens, shortId } from '../../../src-shared/run/format'
import type { Run } from '../../../src-shared/run/run'
import { terminalColours, type Colours } from '../colour'
import { EXIT_FAILED } from '../errors'
import { setExitCode } from '../exit-status'
import { int } from '../json-views'
import { out, outJson } from '../output'
import { openRun } from '../run-io'
import { safeText, stepName, stepNumbers } from '../tree'

const DIFF_LABEL_WIDTH = 72

function side(run: Run, path: string): JsonObject {
  return obj({ path, run_id: run.id, short_id: shortId(run.id) })
}

export function driftJson(drift: RunDiff['drift']): JsonObject {
  return obj({
    accounting: [...drift.accounting],
    only_replay: [...drift.only_replay],
    only_source: [...drift.only_source],
    structural: [...drift.structural]
  })
}

interface Totals {
  cost: { left: number; right: number }
  tokens: { left: number; right: number }
}

function totalsOf(a: Run, b: Run): Totals {
  return { cost: { left: totalCost(a), right: totalCost(b) }, tokens: { left: totalTokens(a), right: totalTokens(b) } }
}

function signed(delta: number, format: (value: number) => string): string {
  if (delta === 0) return '±0'
  return `${delta > 0 ? '+' : '-'}${format(Math.abs(delta))}`
}

export function summaryLine(diff: RunDiff, totals: Totals): string {
  const counts = `${diff.onlyB.length} added, ${diff.onlyA.length} removed, ${diff.changed.length} changed`
  const { cost, tokens } = totals
  const costPart = `cost ${formatCost(cost.left)} -> ${formatCost(cost.right)} (${signed(cost.right - cost.left, formatCost)})`
  const tokenPart = `tokens ${formatTokens(tokens.left)} -> ${formatTokens(tokens.right)} (${signed(tokens.right - tokens.left, formatTokens)})`
  return `${diff.identical ? 'identical: ' : ''}${counts}; ${costPart}; ${tokenPart}`
}

function fieldsOf(pair: StepPair): string[] {
  return pair.deltas.map((delta) => (delta.keys?.length ? `${delta.field}(${delta.keys.join(', ')})` : delta.field))
}

interface Named {
  run: Run
  numbers: Map<string, number>
}

function describeStep(id: string, from: Named): string {
  const step = from.run.getStep(id)!
  return `${stepName(id, from.numbers)} ${step.kind} ${stepLabel(step, DIFF_LABEL_WIDTH)}`
}

function printDiff(a: Run, pathA: string, b: Run, pathB: string, diff: RunDiff, c: Colours): void {
  const left: Named = { run: a, numbers: stepNumbers(a) }
  const right: Named = { run: b, numbers: stepNumbers(b) }
  const line = (text: string, paint: (text: string) => string = (same) => same) => out(paint(safeText(text)))
  line(summaryLine(diff, totalsOf(a, b)), c.bold)
  line(`--- ${shortId(a.id)} ${pathA}`, c.red)
  line(`+++ ${shortId(b.id)} ${pathB}`, c.green)
  line(
    diff.commonAncestor
      ? `common ancestor: ${stepName(diff.commonAncestor, left.numbers)}`
      : 'common ancestor: none (the runs share no step; steps are paired by position only)'
  )
  if (diff.identical) return
  for (const pair of diff.changed) {
    line(`~ #${left.numbers.get(pair.a)} ${pair.kind}: ${fieldsOf(pair).join(', ')}`, c.yellow)
    line(`    - ${describeStep(pair.a, left)}`, c.red)
    if (pair.a !== pair.b) line(`    + ${describeStep(pair.b, right)}`, c.green)
  }
  for (const id of diff.onlyA) line(`- ${describeStep(id, left)}`, c.red)
  for (const id of diff.onlyB) line(`+ ${describeStep(id, right)}`, c.green)
}

function stepRef(id: string, from: Named): JsonObject {
  const step = from.run.getStep(id)!
  return obj({
    id,
    kind: step.kind,
    label: stepLabel(step),
    number: int(from.numbers.get(id) ?? -1),
    short_id: shortId(id)
  })
}

function stepsJson(a: Run, b: Run, diff: RunDiff): JsonValue[] {
  const left: Named = { run: a, numbers: stepNumbers(a) }
  const right: Named = { run: b, numbers: stepNumbers(b) }
  return [
    ...diff.changed.map((pair) =>
      obj({
        change: 'changed',
        fields: fieldsOf(pair),
        kind: pair.kind,
        left: stepRef(pair.a, left),
        right: stepRef(pair.b, right)
      })
    ),
    ...diff.onlyA.map((id) =>
      obj({ change: 'removed', fields: [], kind: a.getStep(id)!.kind, left: stepRef(id, left), right: null })
    ),
    ...diff.onlyB.map((id) =>
      obj({ change: 'added', fields: [], kind: b.getStep(id)!.kind, left: null, right: stepRef(id, right) })
    )
  ]
}

function summaryJson(diff: RunDiff, totals: Totals): JsonObject {
  const pair = (values: { left: number; right: number }, asInt: boolean) =>
    asInt
      ? obj({ delta: int(values.right - values.left), left: int(values.left), right: int(values.right) })
      : obj({ delta: values.right - values.left, left: values.left, right: values.right })
  return obj({
    added: int(diff.onlyB.length),
    changed: int(diff.changed.length),
    cost: pair(totals.cost, false),
    removed: int(diff.onlyA.length),
    tokens: pair(totals.tokens, true)
  })
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two runs step by step')
    .argument('<a>', 'left run (path, run id or file name prefix)')
    .argument('<b>', 'right run')
    .option('--exit-code', 'exit 1 when the runs differ')
    .option('--json', 'print one JSON object')
    .action(async (argumentA: string, argumentB: string, flags: { exitCode?: boolean; json?: boolean }) => {
      const left = await openRun(argumentA)
      const right = await openRun(argumentB)
      const diff = diffRuns(left.run, right.run)
      if (flags.json) {
        outJson(
          obj({
            command: 'diff',
            common_ancestor: diff.commonAncestor,
            drift: driftJson(diff.drift),
            identical: diff.identical,
            left: side(left.run, left.path),
            right: side(right.run, right.path),
            steps: stepsJson(left.run, right.run, diff),
            summary: summaryJson(diff, totalsOf(left.run, right.run))
          })
        )
      } else printDiff(left.run, left.path, right.run, right.path, diff, terminalColours())
      if (flags.exitCode && !diff.identical) setExitCode(EXIT_FAILED)
    })
}
