/** The run tree `tine show` prints (spec §17): a header, one line per step, fork and budget notes. */
import { canonicalString } from '../../src-shared/tine/canonical'
import { isObject, type JsonObject, type JsonValue } from '../../src-shared/tine/json-value'
import { totalCost } from '../../src-shared/run/cost'
import { formatCost, shortId } from '../../src-shared/run/format'
import type { Run } from '../../src-shared/run/run'
import type { Step } from '../../src-shared/run/types'

const ICONS: Record<string, string> = { think: '*', tool: '>', model: '#', done: '+', error: 'x' }
const LABEL_WIDTH = 80

function clip(text: string, width = LABEL_WIDTH): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat
}

function argumentText(value: JsonValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : canonicalString(value)
}

function toolLabel(step: Step): string {
  const name = typeof step.toolInfo.name === 'string' ? step.toolInfo.name : typeof step.inputs.name === 'string' ? step.inputs.name : 'tool'
  const args: JsonObject = isObject(step.inputs.arguments) ? step.inputs.arguments : step.inputs
  const parts = Object.keys(args)
    .filter((key) => args !== step.inputs || key !== 'name')
    .map((key) => `${key}=${argumentText(args[key])}`)
  return clip(`${name}(${parts.join(', ')})`)
}

export function stepLabel(step: Step): string {
  if (step.kind === 'tool') return toolLabel(step)
  const text = step.inputs.text
  if (typeof text === 'string') return clip(text)
  const message = step.error.message
  if (step.kind === 'error' && typeof message === 'string') return clip(message)
  return ''
}

/** Indentation follows the primary parent (the last of parent_ids), as opentine displays it. */
function depths(run: Run): Map<string, number> {
  const depth = new Map<string, number>()
  for (const step of run.steps) {
    const parent = step.parentIds[step.parentIds.length - 1]
    depth.set(step.id, parent !== undefined && depth.has(parent) ? depth.get(parent)! + 1 : 0)
  }
  return depth
}

export function treeHeader(run: Run): string {
  return `# ${shortId(run.id)} model=${run.modelInfo || '-'} steps=${run.stepCount} cost=${formatCost(totalCost(run))} ${run.status}`
}

export function renderTree(run: Run): string[] {
  const lines = [treeHeader(run)]
  const depth = depths(run)
  for (const step of run.steps) {
    const label = stepLabel(step)
    const icon = ICONS[step.kind] ?? '?'
    lines.push(`${'  '.repeat(depth.get(step.id)!)}${icon} ${shortId(step.id)}${label ? ' ' + label : ''}`)
  }
  const forkedFrom = run.metadata.forked_from
  if (typeof forkedFrom === 'string') {
    const point = run.metadata.fork_point
    lines.push(`Forked from: ${shortId(forkedFrom)}${typeof point === 'string' ? ` at step ${shortId(point)}` : ''}`)
  }
  lines.push(...budgetLines(run))
  return lines.map(safeLine)
}

/** Payload text is untrusted: control characters must not move the cursor or forge lines. */
function safeLine(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\n]/g, '?')
}

const BUDGET_DIMENSIONS = ['max_cost', 'max_steps', 'max_duration', 'max_usage'] as const

export function budgetLines(run: Run): string[] {
  const lines: string[] = []
  const budget = run.manifest.budget
  if (isObject(budget)) {
    const parts = BUDGET_DIMENSIONS.filter((key) => budget[key] !== undefined).map((key) => `${key}=${canonicalString(budget[key])}`)
    if (typeof budget.on_breach === 'string') parts.push(`on_breach=${budget.on_breach}`)
    if (parts.length) lines.push(`Budget: ${parts.join(' ')}`)
  }
  const state = run.metadata.budget_state
  if (isObject(state) && state.breached === true) {
    const dimension = typeof state.dimension === 'string' ? state.dimension : 'unknown'
    lines.push(`Budget breached: ${dimension} (limit ${canonicalString(state.limit ?? null)}, incurred ${canonicalString(state.incurred ?? null)})`)
  }
  return lines
}
