/** The `--json` shapes of spec §17, built in the value model (ints stay ints, floats keep `.0`). */
import { obj, type JsonObject, type JsonValue } from '../../src-shared/tine/json-value'
import { totalCost } from '../../src-shared/run/cost'
import { shortId } from '../../src-shared/run/format'
import type { Run } from '../../src-shared/run/run'
import type { Step } from '../../src-shared/run/types'
import type { IntegrityVerdict } from '../../src-shared/tine/integrity'

export function int(value: number): bigint {
  return BigInt(Math.trunc(value))
}

/** The integrity verdict as `verify --json` and `replay --verify --json` print it. */
export function integrityJson(integrity: IntegrityVerdict): JsonObject {
  return obj({
    actual: integrity.actual,
    algorithm: integrity.algorithm,
    draft: integrity.draft,
    expected: integrity.expected,
    ok: integrity.ok,
    reason: integrity.reason
  })
}

export function stepJson(step: Step): JsonObject {
  return obj({
    billing: step.billing ?? obj({}),
    cost: step.cost,
    duration: step.duration,
    error: step.error,
    id: step.id,
    inputs: step.inputs,
    kind: step.kind,
    model: step.modelInfo,
    outputs: step.outputs,
    parent_ids: [...step.parentIds],
    short_id: shortId(step.id),
    timestamp: step.timestamp,
    tool: step.toolInfo,
    usage: step.usage ?? obj({})
  })
}

export function runSummaryJson(run: Run): JsonObject {
  return obj({
    created_at: run.createdAt,
    id: run.id,
    model: run.modelInfo,
    short_id: shortId(run.id),
    status: run.status,
    step_count: int(run.stepCount),
    system_prompt: run.systemPrompt,
    tags: [...run.tags],
    total_cost: totalCost(run),
    user_prompt: run.userPrompt
  })
}

export function showJson(run: Run, path: string): JsonObject {
  return obj({ command: 'show', path, run: runSummaryJson(run), steps: run.steps.map(stepJson) })
}

export function stringList(values: readonly string[]): JsonValue[] {
  return [...values]
}
