/**
 * Budgets (max cost, steps, duration; spec §4 budget_state, §5 manifest.budget). The meter keeps
 * running totals so a check costs O(1) per step, whatever the run's length.
 */
import { obj, type JsonObject } from '../tine/json-value'
import { stepCost } from '../run/cost'
import type { Run } from '../run/run'
import type { Step } from '../run/types'
import type { Budget } from './types'

export type BudgetDimension = 'cost' | 'steps' | 'duration'

export interface BudgetBreach {
  dimension: BudgetDimension
  limit: number
  incurred: number
}

export function hasLimits(budget: Budget | undefined): budget is Budget {
  return !!budget && (budget.maxCost !== undefined || budget.maxSteps !== undefined || budget.maxDuration !== undefined)
}

/** manifest.budget: only the dimensions that are set, plus on_breach. */
export function budgetManifest(budget: Budget): JsonObject {
  return obj({
    max_cost: budget.maxCost,
    max_duration: budget.maxDuration,
    max_steps: budget.maxSteps === undefined ? undefined : BigInt(Math.floor(budget.maxSteps)),
    on_breach: budget.onBreach ?? 'stop'
  })
}

export function breachMessage(breach: BudgetBreach): string {
  if (breach.dimension === 'steps') return `Max steps reached: ${breach.incurred} of ${breach.limit}`
  if (breach.dimension === 'cost') return `Budget exceeded: cost ${breach.incurred} USD > max ${breach.limit} USD`
  return `Budget exceeded: duration ${breach.incurred.toFixed(3)} s > max ${breach.limit} s`
}

export class BudgetMeter {
  private cost = 0
  private steps = 0
  private recordedDuration = 0
  private readonly usage = new Map<string, number>()
  private readonly baseDuration: number

  /** `sessionStart` is when this process began working on the run (seconds, injected clock). */
  constructor(
    private readonly budget: Budget | undefined,
    run: Run,
    private readonly sessionStart: number
  ) {
    for (const step of run.steps) this.add(step)
    this.baseDuration = this.recordedDuration
  }

  private add(step: Step): void {
    this.cost += stepCost(step)
    this.steps += 1
    this.recordedDuration += step.duration
    if (step.usage) {
      for (const name of Object.keys(step.usage)) {
        const value = step.usage[name]
        if (typeof value === 'bigint' || typeof value === 'number')
          this.usage.set(name, (this.usage.get(name) ?? 0) + Number(value))
      }
    }
  }

  record(step: Step): void {
    this.add(step)
  }

  /** Active seconds: what earlier sessions recorded plus the wall time of this one. */
  duration(now: number): number {
    return this.baseDuration + Math.max(0, now - this.sessionStart)
  }

  /** Steps may not exceed the limit; cost and duration breach once strictly over it. */
  check(now: number): BudgetBreach | null {
    const budget = this.budget
    if (!budget) return null
    if (budget.maxSteps !== undefined && this.steps >= budget.maxSteps)
      return { dimension: 'steps', limit: budget.maxSteps, incurred: this.steps }
    if (budget.maxCost !== undefined && this.cost > budget.maxCost)
      return { dimension: 'cost', limit: budget.maxCost, incurred: this.cost }
    const duration = this.duration(now)
    if (budget.maxDuration !== undefined && duration > budget.maxDuration)
      return { dimension: 'duration', limit: budget.maxDuration, incurred: duration }
    return null
  }

  /** Seconds left before the duration budget breaches, or undefined without one. */
  remainingSeconds(now: number): number | undefined {
    if (this.budget?.maxDuration === undefined) return undefined
    return Math.max(0, this.budget.maxDuration - this.duration(now))
  }

  /** metadata.budget_state (derived, never authoritative). */
  state(breach: BudgetBreach, now: number): JsonObject {
    const usage = obj({})
    for (const [name, value] of this.usage) usage[name] = Number.isInteger(value) ? BigInt(value) : value
    return obj({
      breached: true,
      cost: this.cost,
      dimension: breach.dimension,
      duration: this.duration(now),
      incurred: breach.dimension === 'steps' ? BigInt(breach.incurred) : breach.incurred,
      limit: breach.dimension === 'steps' ? BigInt(breach.limit) : breach.limit,
      steps: BigInt(this.steps),
      usage
    })
  }
}
