/**
 * Cost and token accounting (spec §14): totals, per-model/kind/ref breakdowns.
 * Money is summed as exact decimals (like Python's Decimal) and only turned into a float at the end,
 * so 0.1 + 0.2 totals 0.3 and a long run does not drift.
 */
import type { JsonObject, JsonValue } from '../tine/json-value'
import type { Run } from './run'
import type { Step } from './types'

/** An exact decimal: coefficient × 10^exponent. */
interface Decimal {
  coefficient: bigint
  exponent: number
}

const ZERO: Decimal = { coefficient: 0n, exponent: 0 }
const DECIMAL_TEXT = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/
// A crafted subtotal such as "1e999999999" is finite to Decimal but cannot be totalled; beyond this
// it is not a usable amount and the step's float cost is used instead (opentine does the same).
const MAX_EXPONENT = 400
const MAX_DIGITS = 1000

function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_TEXT.exec(text.trim())
  if (!match) return null
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match
  if (whole === '' && fraction === '') return null
  const digits = (whole + fraction).replace(/^0+/, '') || '0'
  if (digits.length > MAX_DIGITS) return null
  const exponent = Number(exponentText) - fraction.length
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return null
  const coefficient = BigInt(digits)
  // "-0" is a valid non-negative amount (zero); any other negative is not.
  if (sign === '-' && coefficient !== 0n) return null
  return { coefficient, exponent }
}

/** A valid, finite, non-negative amount, or null. */
export function decimalAmount(value: JsonValue | undefined): Decimal | null {
  if (typeof value === 'bigint') return value >= 0n ? { coefficient: value, exponent: 0 } : null
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null
    // String() gives the shortest text that round-trips, which is what Decimal(repr(x)) sees.
    return parseDecimal(String(value))
  }
  if (typeof value === 'string') return parseDecimal(value)
  return null
}

/** 10^n for the exponent gaps a sum meets (at most 2 × MAX_EXPONENT), made once each. */
const powersOfTen: bigint[] = [1n]

function powerOfTen(n: number): bigint {
  for (let k = powersOfTen.length; k <= n; k++) powersOfTen.push(powersOfTen[k - 1] * 10n)
  return powersOfTen[n]
}

function addDecimals(a: Decimal, b: Decimal): Decimal {
  if (a.exponent === b.exponent) return { coefficient: a.coefficient + b.coefficient, exponent: a.exponent }
  const low = a.exponent < b.exponent ? a : b
  const high = low === a ? b : a
  return {
    coefficient: low.coefficient + high.coefficient * powerOfTen(high.exponent - low.exponent),
    exponent: low.exponent
  }
}

function decimalToNumber(value: Decimal): number {
  return Number(`${value.coefficient}e${value.exponent}`)
}

/** The known subtotal of a step: `billing.known_subtotal_usd` when usable, else `cost`. */
function stepCostDecimal(step: Step): Decimal {
  const billed = step.billing ? decimalAmount(step.billing.known_subtotal_usd) : null
  if (billed) return billed
  // Most steps (tools, thoughts) cost nothing: no text to parse for them.
  if (step.cost === 0) return ZERO
  return decimalAmount(step.cost) ?? ZERO
}

export function stepCost(step: Step): number {
  // Without a billed subtotal, the decimal of a float cost is its shortest round-trip text, which
  // reads back as the float itself: no decimal arithmetic is needed.
  if (!step.billing) return Number.isFinite(step.cost) && step.cost > 0 ? step.cost : 0
  return decimalToNumber(stepCostDecimal(step))
}

function sumCosts(steps: Iterable<Step>): number {
  let total = ZERO
  for (const step of steps) total = addDecimals(total, stepCostDecimal(step))
  return decimalToNumber(total)
}

/** Spend per group (model, kind ...), each group summed as exact decimals like the run's total. */
export function costsBy(steps: Iterable<Step>, keyOf: (step: Step) => string): Map<string, number> {
  const sums = new Map<string, Decimal>()
  for (const step of steps) {
    const key = keyOf(step)
    sums.set(key, addDecimals(sums.get(key) ?? ZERO, stepCostDecimal(step)))
  }
  return new Map([...sums].map(([key, sum]) => [key, decimalToNumber(sum)]))
}

function tokenCount(usage: JsonObject | undefined, name: string): number {
  const value = usage?.[name]
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value
  return 0
}

export interface StepTokens {
  total: number
  input: number
  output: number
}

/** Tokens of one step: total = max(usage.total, sum of the parts). */
export function stepTokens(step: Step): StepTokens {
  const usage = step.usage
  const input =
    tokenCount(usage, 'input') +
    tokenCount(usage, 'cache_read') +
    tokenCount(usage, 'cache_write_5m') +
    tokenCount(usage, 'cache_write_1h')
  const output = tokenCount(usage, 'output') + tokenCount(usage, 'reasoning')
  return { total: Math.max(tokenCount(usage, 'total'), input + output), input, output }
}

/** Σ known subtotal per step, exact decimal sum (spec §14). */
export function totalCost(run: Run): number {
  return sumCosts(run.steps)
}

export function totalTokens(run: Run): number {
  let total = 0
  for (const step of run.steps) total += stepTokens(step).total
  return total
}

export interface CostBucket {
  cost: number
  tokens: number
  steps: number
}

export interface CostBreakdown {
  totalCost: number
  totalTokens: number
  /** input + cache_read + both cache writes. */
  inputTokens: number
  /** output + reasoning. */
  outputTokens: number
  /** Keyed by step model_info ("" for steps without one). */
  byModel: Record<string, CostBucket>
  byKind: Record<string, CostBucket>
  /** Each non-empty ref: the ancestor closure of its tip. */
  byRef: Record<string, CostBucket>
  /**
   * Steps whose spend is not known: billing says `unknown` or `partial`, or the step reported token
   * usage yet carries neither a cost nor a usable billed subtotal. (The spec names this count
   * without defining it; this is the reading the app shows.)
   */
  unpricedSteps: string[]
}

function isUnpriced(step: Step): boolean {
  const status = step.billing && typeof step.billing.status === 'string' ? step.billing.status : ''
  if (status === 'unknown' || status === 'partial') return true
  if (status === 'complete' || status === 'unmetered') return false
  const hasUsage = step.usage !== undefined && Object.keys(step.usage).length > 0
  return hasUsage && stepCostDecimal(step).coefficient === 0n
}

function bucketOf(steps: Step[]): CostBucket {
  let tokens = 0
  for (const step of steps) tokens += stepTokens(step).total
  return { cost: sumCosts(steps), tokens, steps: steps.length }
}

function groupBy(steps: Step[], key: (step: Step) => string): Record<string, CostBucket> {
  const groups = new Map<string, Step[]>()
  for (const step of steps) {
    const name = key(step)
    const list = groups.get(name)
    if (list) list.push(step)
    else groups.set(name, [step])
  }
  const out: Record<string, CostBucket> = Object.create(null)
  for (const [name, list] of groups) out[name] = bucketOf(list)
  return out
}

export function costBreakdown(run: Run): CostBreakdown {
  const steps = run.steps
  let inputTokens = 0
  let outputTokens = 0
  let tokens = 0
  for (const step of steps) {
    const counted = stepTokens(step)
    inputTokens += counted.input
    outputTokens += counted.output
    tokens += counted.total
  }
  const byRef: Record<string, CostBucket> = Object.create(null)
  for (const name of Object.keys(run.refs)) {
    const tip = run.refs[name]
    if (!tip || !run.hasStep(tip)) continue
    byRef[name] = bucketOf(run.ancestors(tip).map((id) => run.getStep(id)!))
  }
  return {
    totalCost: sumCosts(steps),
    totalTokens: tokens,
    inputTokens,
    outputTokens,
    byModel: groupBy(steps, (step) => step.modelInfo),
    byKind: groupBy(steps, (step) => step.kind),
    byRef,
    unpricedSteps: steps.filter(isUnpriced).map((step) => step.id)
  }
}
