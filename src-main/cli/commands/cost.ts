/** `tine cost RUN`: totals and breakdowns (spec §14, §17); exit 1 when the recorded budget was breached. */
import type { Command } from 'commander'
import { isObject, newObject, obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { costBreakdown, type CostBucket } from '../../../src-shared/run/cost'
import { formatCost, formatTokens, shortId } from '../../../src-shared/run/format'
import type { Run } from '../../../src-shared/run/run'
import { EXIT_FAILED } from '../errors'
import { setExitCode } from '../exit-status'
import { int } from '../json-views'
import { alignedColumn } from '../columns'
import { out, outJson } from '../output'
import { openRun } from '../run-io'
import { budgetLines } from '../tree'

function bucketsJson(buckets: Record<string, CostBucket>): JsonObject {
  const map = newObject()
  for (const name of Object.keys(buckets)) {
    const bucket = buckets[name]
    map[name] = obj({ cost: bucket.cost, steps: int(bucket.steps), tokens: int(bucket.tokens) })
  }
  return map
}

function overBudget(run: Run): boolean {
  const state = run.metadata.budget_state
  return isObject(state) && state.breached === true
}

function pricingComplete(run: Run, unpriced: string[]): boolean {
  const pricing = run.manifest.pricing
  if (isObject(pricing) && typeof pricing.complete === 'boolean') return pricing.complete && unpriced.length === 0
  return unpriced.length === 0
}

function unpricedProviders(run: Run, unpriced: string[]): string[] {
  const providers = new Set<string>()
  for (const id of unpriced) {
    const provider = run.getStep(id)?.provider
    if (provider) providers.add(provider)
  }
  return [...providers].sort()
}

function printBuckets(title: string, buckets: Record<string, CostBucket>): void {
  const names = Object.keys(buckets).sort()
  if (!names.length) return
  out(`${title}:`)
  const shownNames = alignedColumn(names.map((name) => name || '-'))
  names.forEach((name, at) => {
    const bucket = buckets[name]
    out(
      `  ${shownNames[at]}  ${formatCost(bucket.cost).padStart(9)}  ${formatTokens(bucket.tokens).padStart(9)} tokens  ${bucket.steps} step${bucket.steps === 1 ? '' : 's'}`
    )
  })
}

export function registerCost(program: Command): void {
  program
    .command('cost')
    .description('show what a run cost, by model and by kind; exit 1 if its budget was breached')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: { json?: boolean }) => {
      const { run } = await openRun(argument)
      const breakdown = costBreakdown(run)
      const unpriced = breakdown.unpricedSteps
      const breached = overBudget(run)
      if (flags.json) {
        outJson(
          obj({
            budget: isObject(run.manifest.budget) ? run.manifest.budget : null,
            budget_state: isObject(run.metadata.budget_state) ? run.metadata.budget_state : null,
            by_kind: bucketsJson(breakdown.byKind),
            by_model: bucketsJson(breakdown.byModel),
            command: 'cost',
            input_tokens: int(breakdown.inputTokens),
            output_tokens: int(breakdown.outputTokens),
            over_budget: breached,
            pricing: obj({
              complete: pricingComplete(run, unpriced),
              unpriced_providers: unpricedProviders(run, unpriced),
              unpriced_steps: [...unpriced]
            }),
            run_id: run.id,
            short_id: shortId(run.id),
            total_cost: breakdown.totalCost,
            total_tokens: int(breakdown.totalTokens)
          })
        )
      } else {
        out(
          `# ${shortId(run.id)} cost=${formatCost(breakdown.totalCost)} tokens=${formatTokens(breakdown.totalTokens)} (input ${formatTokens(breakdown.inputTokens)}, output ${formatTokens(breakdown.outputTokens)})`
        )
        printBuckets('By model', breakdown.byModel)
        printBuckets('By kind', breakdown.byKind)
        for (const line of budgetLines(run)) out(line)
        if (unpriced.length) out(`Unpriced steps: ${unpriced.length} (spend not fully known)`)
      }
      if (breached) setExitCode(EXIT_FAILED)
    })
}
