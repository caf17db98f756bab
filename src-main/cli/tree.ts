/**
 * The run tree `tine show` prints (spec §17): a header, a legend, one line per step, fork and budget
 * notes. Each line names the step's number (`#N`, its index in the run's order, the number
 * `--from-step` takes), its short id and label, and the parents a merge joins.
 *
 * A chain prints flat; only a branch point indents, with guide lines, so the output grows with the
 * number of steps and never with the square of the depth (a 50,000-step chain is 50,000 short lines).
 * Nesting deeper than MAX_NESTING stops indenting and names the step each branch leaves from instead.
 */
import { canonicalString } from '../../src-shared/tine/canonical'
import { isObject } from '../../src-shared/tine/json-value'
import { stepLabel } from '../../src-shared/run/step-label'
import { totalCost } from '../../src-shared/run/cost'
import { formatCost, shortId } from '../../src-shared/run/format'
import type { Run } from '../../src-shared/run/run'
import type { Step } from '../../src-shared/run/types'
import { terminalColours, type Colours } from './colour'

export { stepLabel }

const ICONS: Record<string, string> = { think: '*', tool: '>', model: '#', done: '+', error: 'x' }
const MAX_NESTING = 16

export const LEGEND = 'legend: * think  > tool  # model  + done  x error  |  #N step number (for --from-step)'

export interface TreeOptions {
  /** ANSI colour; by default only on a terminal, and never with NO_COLOR. */
  colours?: Colours
  /** Print the legend line under the header (on by default). */
  legend?: boolean
}

export function treeHeader(run: Run): string {
  return `# ${shortId(run.id)} model=${run.modelInfo || '-'} steps=${run.stepCount} cost=${formatCost(totalCost(run))} ${run.status}`
}

/** The step number (`#N`, the index in the run's order) of every step. */
export function stepNumbers(run: Run): Map<string, number> {
  const numbers = new Map<string, number>()
  run.order.forEach((id, index) => numbers.set(id, index))
  return numbers
}

/** `#N` and short id, the way every CLI listing names a step. */
export function stepName(id: string, numbers: Map<string, number>): string {
  const number = numbers.get(id)
  return number === undefined ? shortId(id) : `#${number} ${shortId(id)}`
}

/** Children under the display parent (the last of parent_ids, as opentine draws it), in run order. */
function displayChildren(run: Run): { roots: Step[]; childrenOf: Map<string, Step[]> } {
  const roots: Step[] = []
  const childrenOf = new Map<string, Step[]>()
  for (const step of run.steps) {
    const parent = step.parentIds[step.parentIds.length - 1]
    if (parent === undefined || !run.hasStep(parent) || parent === step.id) roots.push(step)
    else {
      const siblings = childrenOf.get(parent)
      if (siblings) siblings.push(step)
      else childrenOf.set(parent, [step])
    }
  }
  return { roots, childrenOf }
}

interface Pending {
  step: Step
  /** What precedes this step's own line (guides plus its branch connector). */
  lead: string
  /** What precedes the lines of its descendants. */
  guide: string
  nesting: number
  /** Set when nesting is capped: the step this branch leaves from. */
  branchOf?: string
}

function stepLine(step: Step, item: Pending, numbers: Map<string, number>, c: Colours): string {
  const icon = ICONS[step.kind] ?? '?'
  const label = safeText(stepLabel(step))
  let line = `${item.lead ? c.dim(item.lead) : ''}${kindColour(step.kind, c)(icon)} ${c.dim('#' + numbers.get(step.id))} ${c.yellow(shortId(step.id))}${label ? ' ' + label : ''}`
  const others = step.parentIds
    .slice(0, -1)
    .filter((id, index, list) => list.indexOf(id) === index && id !== step.parentIds[step.parentIds.length - 1])
  if (others.length)
    line += c.cyan(
      ` [merges ${[...others, step.parentIds[step.parentIds.length - 1]].map((id) => stepName(id, numbers)).join(', ')}]`
    )
  if (item.branchOf) line += c.dim(` (branch from ${stepName(item.branchOf, numbers)})`)
  return line
}

function kindColour(kind: string, c: Colours): (text: string) => string {
  if (kind === 'error') return c.red
  if (kind === 'done') return c.green
  if (kind === 'tool') return c.cyan
  if (kind === 'think') return c.magenta
  return c.blue
}

/** Depth-first from the roots, iteratively (a chain may be 100,000 steps deep). */
function stepLines(run: Run, c: Colours): string[] {
  const numbers = stepNumbers(run)
  const { roots, childrenOf } = displayChildren(run)
  const lines: string[] = []
  const stack: Pending[] = []
  const pushChildren = (children: Step[], parent: Pending | null) => {
    const guide = parent?.guide ?? ''
    const nesting = parent?.nesting ?? 0
    for (let i = children.length - 1; i >= 0; i--) {
      const step = children[i]
      if (children.length === 1 || parent === null) stack.push({ step, lead: guide, guide, nesting })
      else if (nesting >= MAX_NESTING) stack.push({ step, lead: guide, guide, nesting, branchOf: parent.step.id })
      else {
        const last = i === children.length - 1
        stack.push({
          step,
          lead: guide + (last ? '└─' : '├─'),
          guide: guide + (last ? '  ' : '│ '),
          nesting: nesting + 1
        })
      }
    }
  }
  pushChildren(roots, null)
  const seen = new Set<string>()
  while (stack.length) {
    const item = stack.pop()!
    if (seen.has(item.step.id)) continue
    seen.add(item.step.id)
    lines.push(stepLine(item.step, item, numbers, c))
    pushChildren(childrenOf.get(item.step.id) ?? [], item)
  }
  // Steps on a parent cycle are reachable from no root; they are still listed, unindented.
  for (const step of run.steps)
    if (!seen.has(step.id)) lines.push(stepLine(step, { step, lead: '', guide: '', nesting: 0 }, numbers, c))
  return lines
}

export function renderTree(run: Run, options: TreeOptions = {}): string[] {
  const c = options.colours ?? terminalColours()
  const lines = [c.bold(safeText(treeHeader(run)))]
  if (options.legend !== false) lines.push(c.dim(LEGEND))
  lines.push(...stepLines(run, c))
  const numbers = stepNumbers(run)
  const forkedFrom = run.metadata.forked_from
  if (typeof forkedFrom === 'string') {
    const point = run.metadata.fork_point
    lines.push(
      safeText(
        `Forked from: ${shortId(forkedFrom)}${typeof point === 'string' ? ` at step ${stepName(point, numbers)}` : ''}`
      )
    )
  }
  lines.push(...budgetLines(run).map(safeText))
  return lines
}

/** Payload text is untrusted: control characters must not move the cursor or forge lines. */
export function safeText(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\n]/g, '?')
}

const BUDGET_DIMENSIONS = ['max_cost', 'max_steps', 'max_duration', 'max_usage'] as const

export function budgetLines(run: Run): string[] {
  const lines: string[] = []
  const budget = run.manifest.budget
  if (isObject(budget)) {
    const parts = BUDGET_DIMENSIONS.filter((key) => budget[key] !== undefined).map(
      (key) => `${key}=${canonicalString(budget[key])}`
    )
    if (typeof budget.on_breach === 'string') parts.push(`on_breach=${budget.on_breach}`)
    if (parts.length) lines.push(`Budget: ${parts.join(' ')}`)
  }
  const state = run.metadata.budget_state
  if (isObject(state) && state.breached === true) {
    const dimension = typeof state.dimension === 'string' ? state.dimension : 'unknown'
    lines.push(
      `Budget breached: ${dimension} (limit ${canonicalString(state.limit ?? null)}, incurred ${canonicalString(state.incurred ?? null)})`
    )
  }
  return lines
}
