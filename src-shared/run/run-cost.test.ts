import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRun } from '../../e2e/kit/run-files'
import fc from 'fast-check'
import { costBreakdown, decimalAmount, stepCost, totalCost, totalTokens } from './cost'
import { Run } from './run'
import { obj } from '../tine/json-value'
import { FIXTURES_DIR } from '../../e2e/kit/paths'

const GUI = path.join(FIXTURES_DIR, 'gui/.tine_runs')

/** Python's Decimal as the oracle for the exact sums (spec §14 rules, computed independently). */
function pythonTotals(file: string): {
  cost: number
  tokens: number
  input: number
  output: number
  byKind: Record<string, number>
} {
  const script = `
import json, sys
from decimal import Decimal
d = json.load(open(sys.argv[1]), parse_float=Decimal)
cost = Decimal(0); tokens = inp = out = 0; by_kind = {}
for s in d['graph']['steps'].values():
    b = (s.get('billing') or {}).get('known_subtotal_usd')
    c = Decimal(str(b)) if b is not None and Decimal(str(b)) >= 0 else Decimal(str(s['cost']))
    cost += c; by_kind[s['kind']] = by_kind.get(s['kind'], Decimal(0)) + c
    u = s.get('usage') or {}
    i = u.get('input', 0) + u.get('cache_read', 0) + u.get('cache_write_5m', 0) + u.get('cache_write_1h', 0)
    o = u.get('output', 0) + u.get('reasoning', 0)
    tokens += max(u.get('total', 0), i + o); inp += i; out += o
print(json.dumps({'cost': float(cost), 'tokens': tokens, 'input': inp, 'output': out, 'byKind': {k: float(v) for k, v in by_kind.items()}}))
`
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }))
}

describe('cost accounting', () => {
  for (const name of ['demo-running.tine', 'demo-complete.tine', 'demo-failed.tine']) {
    it(`matches exact decimal totals on ${name}`, async () => {
      const file = path.join(GUI, name)
      const run = await loadRun(file)
      const expected = pythonTotals(file)
      const breakdown = costBreakdown(run)
      expect(totalCost(run)).toBe(expected.cost)
      expect(totalCost(run)).toBe(expected.cost)
      expect(totalTokens(run)).toBe(expected.tokens)
      expect(breakdown.inputTokens).toBe(expected.input)
      expect(breakdown.outputTokens).toBe(expected.output)
      for (const kind of Object.keys(expected.byKind)) expect(breakdown.byKind[kind].cost).toBe(expected.byKind[kind])
    })
  }

  it('breaks demo-running down by model, kind and ref (ancestor closure of each tip)', async () => {
    const run = await loadRun(path.join(GUI, 'demo-running.tine'))
    const breakdown = costBreakdown(run)
    expect(Object.keys(breakdown.byRef)).toEqual(['main'])
    expect(breakdown.byRef.main.steps).toBe(run.ancestors(run.refs.main).length)
    expect(breakdown.byRef.main.cost).toBe(breakdown.totalCost)
    const modelSteps = run.steps.filter((step) => step.modelInfo === 'claude-haiku-4-5-20251001')
    expect(breakdown.byModel['claude-haiku-4-5-20251001'].steps).toBe(modelSteps.length)
    expect(breakdown.byModel['claude-haiku-4-5-20251001'].tokens).toBe(totalTokens(run))
  })

  it('sums exactly, prefers a valid billed subtotal, and falls back to cost for junk', () => {
    const run = new Run({ id: 'cost-cases' })
    run.addStep({ kind: 'model', id: 'a', cost: 0.1, timestamp: 1 })
    run.addStep({ kind: 'model', id: 'b', cost: 0.2, timestamp: 2 })
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(totalCost(run)).toBe(0.3)
    run.addStep({ kind: 'model', id: 'c', cost: 9, billing: obj({ known_subtotal_usd: '0.000001' }), timestamp: 3 })
    expect(totalCost(run)).toBe(0.300001)
    run.addStep({
      kind: 'model',
      id: 'd',
      cost: 0.5,
      billing: obj({ known_subtotal_usd: '1e999999999' }),
      timestamp: 4
    })
    run.addStep({ kind: 'model', id: 'e', cost: 0.25, billing: obj({ known_subtotal_usd: '-1' }), timestamp: 5 })
    run.addStep({ kind: 'model', id: 'f', cost: 0.125, billing: obj({ known_subtotal_usd: 'n/a' }), timestamp: 6 })
    expect(totalCost(run)).toBe(1.175001)
  })

  it("gives a step's float cost as the exact decimal sum would, for any double", () => {
    fc.assert(
      fc.property(fc.double(), (cost) => {
        const run = new Run({ id: 'one-step', createdAt: 1_900_000_000 })
        const step = run.addStep({ kind: 'model' })
        // Set after the step is stored: its id is no concern here, and NaN has no canonical form.
        step.cost = cost
        // The decimal path: a total over one step is the decimal of its cost turned into a float.
        expect(Object.is(stepCost(step), totalCost(run))).toBe(true)
      }),
      { numRuns: 2_000 }
    )
  })

  it('parses decimal amounts like Python Decimal, refusing negatives and non-numbers', () => {
    expect(decimalAmount('1.50')).toEqual({ coefficient: 150n, exponent: -2 })
    expect(decimalAmount(' 2e-3 ')).toEqual({ coefficient: 2n, exponent: -3 })
    expect(decimalAmount(3n)).toEqual({ coefficient: 3n, exponent: 0 })
    expect(decimalAmount('-0')).toEqual({ coefficient: 0n, exponent: 0 })
    for (const junk of ['-0.1', 'abc', '', '.', 'NaN', 'Infinity', true, null, -1])
      expect(decimalAmount(junk as never)).toBeNull()
  })

  it('counts tokens as max(total, parts) and lists unpriced steps', () => {
    const run = new Run({ id: 'tokens' })
    run.addStep({
      kind: 'model',
      id: 'a',
      usage: obj({
        input: 100n,
        output: 20n,
        cache_read: 50n,
        cache_write_5m: 5n,
        cache_write_1h: 1n,
        reasoning: 7n,
        total: 10n
      }),
      cost: 0.01,
      timestamp: 1
    })
    run.addStep({ kind: 'model', id: 'b', usage: obj({ input: 1n, output: 1n, total: 500n }), timestamp: 2 })
    run.addStep({
      kind: 'model',
      id: 'c',
      usage: obj({ input: 3n }),
      cost: 0.2,
      billing: obj({ status: 'partial' }),
      timestamp: 3
    })
    const breakdown = costBreakdown(run)
    expect(breakdown.totalTokens).toBe(183 + 500 + 3)
    expect(breakdown.inputTokens).toBe(156 + 1 + 3)
    expect(breakdown.outputTokens).toBe(27 + 1)
    expect(breakdown.unpricedSteps).toEqual(['b', 'c'])
  })
})
