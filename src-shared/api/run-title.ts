/**
 * What tells runs apart in the list: a title (the prompt's first line, or a fork's branch and
 * reason), what a fork is ("retry of #17", "branch after #4"), and the model its cost went to.
 */
import type { Run } from '../run/run'
import { isObject } from '../tine/json-value'
import { clipText } from '../run/step-label'
import { visibleText } from './visible-text'

const TITLE_WIDTH = 100

export interface RunListExtras {
  title: string
  branch: string | null
  forkReason: string | null
  /** "retry of #17", "branch after #4" or "fork at #4"; null for a run that is not a fork. */
  forkLabel: string | null
  /** The model most of the cost went to, when the run names none. */
  costModel: string | null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function firstLine(value: string): string {
  return clipText(value.trim().split(/\r?\n/, 1)[0] ?? '', TITLE_WIDTH)
}

function branchOf(run: Run): string | null {
  const record = run.metadata.fork
  const recorded = isObject(record) ? text(record.branch) : null
  if (recorded) return recorded
  const names = Object.keys(run.refs).filter((name) => name !== 'main' && name !== 'fork_point')
  return names.length === 1 ? (names[0] ?? null) : null
}

function forkLabelOf(run: Run): string | null {
  const point = text(run.metadata.fork_point)
  if (!text(run.metadata.forked_from) || !point) return null
  const action = run.metadata.fork_action
  const index =
    isObject(action) && (typeof action.step_index === 'bigint' || typeof action.step_index === 'number')
      ? Number(action.step_index)
      : null
  if (isObject(action) && index !== null) {
    if (action.mode === 'retry') return `retry of #${index}`
    if (action.mode === 'branch') return `branch after #${index}`
  }
  const at = run.steps.findIndex((step) => step.id === point)
  return at >= 0 ? `fork at #${at}` : 'fork'
}

function costModelOf(run: Run): string | null {
  if (run.modelInfo) return null
  const byModel = new Map<string, number>()
  for (const step of run.steps)
    if (step.modelInfo && step.cost > 0) byModel.set(step.modelInfo, (byModel.get(step.modelInfo) ?? 0) + step.cost)
  let best: string | null = null
  for (const [model, cost] of byModel) if (best === null || cost > (byModel.get(best) ?? 0)) best = model
  return best
}

export function runListExtras(run: Run): RunListExtras {
  const branch = branchOf(run)
  const forkReason = text(run.metadata.fork_reason)
  const forkLabel = forkLabelOf(run)
  const prompt = firstLine(run.userPrompt)
  const forkTitle = forkLabel ? [branch, forkReason].filter(Boolean).join(' · ') : ''
  // Shown as written, but with invisible format characters escaped: a title cannot pose as another.
  return {
    title: visibleText(forkTitle || prompt),
    branch: branch && visibleText(branch),
    forkReason: forkReason && visibleText(forkReason),
    forkLabel,
    costModel: costModelOf(run)
  }
}
