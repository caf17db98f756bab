/**
 * The pure views the renderer draws, built from the real GUI and golden fixtures: step labels,
 * costs, trust, transcript links, step details; and a 100,000-step run's view built quickly.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { buildRunView, buildStepDetail, runListItem } from './run-view'
import { clipText, LABEL_WIDTH, shortValue, stepLabel } from '../run/step-label'
import { loadRunFromBytes } from '../run/load'
import { Run } from '../run/run'
import { obj } from '../tine/json-value'
import { FIXTURES_DIR } from '../../e2e/kit/paths'

const GUI_RUNS = path.join(FIXTURES_DIR, 'gui', '.tine_runs')
const GUI_FILES = [
  'demo-complete',
  'demo-running',
  'demo-paused',
  'demo-failed',
  'demo-fork-child',
  '862afdc2511fb2e18a132b9b41e80700858cd3af4b273bfbd1e325cfa1ef4d9c'
]

type Raw = any

function fixture(file: string): { raw: Raw; view: ReturnType<typeof buildRunView>; run: Run } {
  const bytes = readFileSync(file)
  const run = loadRunFromBytes(new Uint8Array(bytes))
  return {
    raw: JSON.parse(bytes.toString('utf8')),
    run,
    view: buildRunView(run, { file, mtimeMs: 1, size: bytes.length })
  }
}

/** The label the spec describes, computed from the raw JSON independently of the builder. */
function expectedLabel(step: Raw): string {
  if (step.kind === 'error') return step.error.message
  if (step.kind === 'tool') {
    const args = Object.entries(step.inputs.arguments ?? {}).map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    return `${step.tool_info?.name ?? step.inputs.name}(${args.join(', ')})`
  }
  // Model turns read as what they said; the text they were sent comes last.
  if (step.outputs.text) return step.outputs.text
  if (step.outputs.tool_calls?.length)
    return `calls ${step.outputs.tool_calls.map((call: any) => call.name).join(', ')}`
  return step.inputs.text ?? step.kind
}

function rawCost(step: Raw): number {
  const billed = step.billing?.known_subtotal_usd
  return typeof billed === 'number' && billed >= 0 ? billed : step.cost
}

describe('RunView from the GUI fixtures', () => {
  for (const name of GUI_FILES) {
    test(`${name}: structure, labels, costs and trust`, () => {
      const { raw, view } = fixture(path.join(GUI_RUNS, `${name}.tine`))
      const order: string[] = raw.graph.order
      expect(view.runId).toBe(raw.run_id)
      expect(view.status).toBe(raw.status)
      expect(view.steps.map((step) => step.id)).toEqual(order)
      view.steps.forEach((summary, index) => {
        const step = raw.graph.steps[summary.id]
        expect(summary.index).toBe(index)
        expect(summary.parentIds).toEqual(step.parent_ids)
        expect(summary.kind).toBe(step.kind)
        expect(summary.label).toBe(expectedLabel(step))
        expect(summary.isError).toBe(step.kind === 'error' || Object.keys(step.error).length > 0)
        expect(summary.cost).toBeCloseTo(rawCost(step), 12)
        expect(summary.duration).toBeCloseTo(step.duration, 12)
      })
      const steps: Raw[] = order.map((id) => raw.graph.steps[id])
      expect(view.costs.totalCost).toBeCloseTo(
        steps.reduce((sum, step) => sum + rawCost(step), 0),
        12
      )
      for (const kind of new Set(steps.map((step) => step.kind))) {
        expect(view.costs.byKind[kind]).toBeCloseTo(
          steps.filter((step) => step.kind === kind).reduce((sum, step) => sum + rawCost(step), 0),
          12
        )
      }
      const tokens = steps.reduce(
        (sum, step) =>
          sum +
          (step.usage
            ? Math.max(
                step.usage.total ?? 0,
                (step.usage.input ?? 0) + (step.usage.output ?? 0) + (step.usage.cache_read ?? 0)
              )
            : 0),
        0
      )
      expect(view.costs.totalTokens).toBe(tokens)
      expect(view.trust).toMatchObject({
        integrity: 'ok',
        signature: 'unsigned',
        readOnlyReason: null,
        expectedDigest: raw.metadata.integrity.digest,
        actualDigest: raw.metadata.integrity.digest
      })
      expect(view.forkedFrom).toBe(raw.metadata.forked_from ?? null)
      expect(view.forkPoint).toBe(raw.metadata.fork_point ?? null)
      expect(view.forkReason).toBe(raw.metadata.fork_reason ?? null)
      expect(view.refs).toEqual({ main: order[order.length - 1], ...raw.refs })
      // Plain JSON all the way down: survives a JSON round trip unchanged.
      expect(JSON.parse(JSON.stringify(view))).toEqual(view)
    })
  }

  test('transcript turns link to their steps', () => {
    const { raw, view } = fixture(path.join(GUI_RUNS, 'demo-complete.tine'))
    expect(view.transcript).toHaveLength(raw.transcript.length)
    view.transcript.forEach((turn, index) => {
      const rawTurn = raw.transcript[index]
      expect(turn.role).toBe(rawTurn.role)
      expect(turn.stepId).toBe(rawTurn.step_id ?? null)
      expect(turn.text).toBe(clipText(rawTurn.content, 200))
    })
    expect(view.transcript.some((turn) => turn.stepId !== null)).toBe(true)
  })

  test('a signed file shows its signature header as "signed" (no key held)', () => {
    const file = path.join(FIXTURES_DIR, 'golden', 'golden_signed_v2.tine')
    const { raw, view, run } = fixture(file)
    const block = raw.metadata.integrity.signature
    expect(view.trust).toMatchObject({
      signature: 'signed',
      signatureScheme: block.scheme,
      signatureAlgorithm: block.alg,
      signatureKeyId: block.key_id,
      signatureSigner: block.signer
    })
    expect(runListItem(run, { file, mtimeMs: 2000, size: 1 })).toMatchObject({
      signature: 'signed',
      integrity: 'ok',
      mtime: 2,
      file
    })
  })

  test('v1 and legacy files report their format and migration', () => {
    const v1 = fixture(path.join(FIXTURES_DIR, 'golden', 'golden_v1.tine')).view
    expect(v1).toMatchObject({ formatVersion: 1, sourceFormat: 'v1' })
    expect(v1.migration).toEqual([expect.objectContaining({ from: 1, to: 2 })])
    const legacy = fixture(path.join(FIXTURES_DIR, 'golden', 'golden_v0_linear.tine')).view
    expect(legacy.trust).toMatchObject({ integrity: 'legacy', readOnlyReason: null })
    expect(legacy.formatVersion).toBe(0)
  })

  test('step detail is plain JSON equal to the file, with children', () => {
    const { raw, run } = fixture(path.join(GUI_RUNS, 'demo-running.tine'))
    for (const id of raw.graph.order) {
      const detail = buildStepDetail(run, id)!
      const step = raw.graph.steps[id]
      expect(detail.inputs).toEqual(step.inputs)
      expect(detail.outputs).toEqual(step.outputs)
      expect(detail.error).toEqual(step.error)
      expect(detail.toolInfo).toEqual(step.tool_info)
      expect(detail.usage).toEqual(step.usage ?? null)
      expect(detail.children).toEqual(
        raw.graph.order.filter((other: string) => raw.graph.steps[other].parent_ids.includes(id))
      )
    }
    expect(buildStepDetail(run, 'missing')).toBeUndefined()
  })
})

describe('labels', () => {
  const step = (fields: Partial<Parameters<typeof stepLabel>[0]>) =>
    ({
      id: 'x',
      parentIds: [],
      kind: 'think',
      inputs: obj({}),
      outputs: obj({}),
      modelInfo: '',
      toolInfo: obj({}),
      error: obj({}),
      timestamp: 0,
      duration: 0,
      cost: 0,
      ...fields
    }) as Parameters<typeof stepLabel>[0]

  test('long text is cut to the label width with an ellipsis, whitespace collapsed', () => {
    const label = stepLabel(step({ inputs: obj({ text: `first line\n\n  second   line ${'word '.repeat(100)}` }) }))
    expect(label.length).toBe(LABEL_WIDTH)
    expect(label.startsWith('first line second line word')).toBe(true)
    expect(label.endsWith('…')).toBe(true)
  })

  test('a tool with a huge argument is labelled without walking all of it', () => {
    const huge = 'x'.repeat(5_000_000)
    const started = performance.now()
    const label = stepLabel(
      step({ kind: 'tool', inputs: obj({ name: 'write', arguments: obj({ path: 'a.txt', content: huge }) }) })
    )
    expect(performance.now() - started).toBeLessThan(50)
    expect(label.startsWith('write(path="a.txt", content="xxx')).toBe(true)
    expect(label.length).toBe(LABEL_WIDTH)
    expect(shortValue(obj({ list: Array.from({ length: 100_000 }, () => 1n) }), 40).length).toBeLessThan(60)
  })

  test('outputs text is used when inputs have none; tool calls and errors get words too', () => {
    expect(stepLabel(step({ kind: 'model', outputs: obj({ text: 'the answer' }) }))).toBe('the answer')
    expect(
      stepLabel(step({ kind: 'model', outputs: obj({ tool_calls: [obj({ name: 'grep' }), obj({ name: 'read' })] }) }))
    ).toBe('calls grep, read')
    expect(stepLabel(step({ kind: 'error', error: obj({ type: 'Timeout' }) }))).toBe('Timeout')
    expect(stepLabel(step({ kind: 'done' }))).toBe('done')
  })
})

describe('a 100,000-step run', () => {
  test('its view is built quickly with short labels', () => {
    const run = new Run({ id: 'huge', createdAt: 1_760_000_000, status: 'completed', modelInfo: 'm' })
    for (let i = 0; i < 100_000; i++) {
      const tool = i % 2 === 1
      run.addStep({
        id: `s${i}`,
        kind: tool ? 'tool' : 'model',
        inputs: tool
          ? obj({ name: 'read_file', arguments: obj({ path: `src/module-${i}/index.ts`, offset: BigInt(i) }) })
          : obj({ text: `Consider item ${i}: ${'a long line of reasoning '.repeat(6)}` }),
        toolInfo: tool ? obj({ name: 'read_file' }) : obj({}),
        cost: tool ? 0 : 0.0001,
        timestamp: 1_760_000_000 + i
      })
    }
    const started = performance.now()
    const view = buildRunView(run, { file: '/x/huge.tine', mtimeMs: 0, size: 0 })
    const buildMs = performance.now() - started
    const serializeStarted = performance.now()
    const json = JSON.stringify(view)
    const serializeMs = performance.now() - serializeStarted
    console.log(
      `RunView of 100,000 steps: built in ${buildMs.toFixed(0)} ms, JSON ${(json.length / 1e6).toFixed(1)} MB in ${serializeMs.toFixed(0)} ms`
    )
    expect(view.steps).toHaveLength(100_000)
    expect(Math.max(...view.steps.map((summary) => summary.label.length))).toBeLessThanOrEqual(LABEL_WIDTH)
    expect(view.costs.totalCost).toBeCloseTo(50_000 * 0.0001, 9)
    // Generous: the suite shares two cores with other work; the print above is the real figure.
    expect(buildMs).toBeLessThan(5000)
  })
})

describe('cost view', () => {
  test('sums each model and kind as exact decimals, as the total is summed', () => {
    const run = new Run({ id: 'sum', createdAt: 1_760_000_000, status: 'completed', modelInfo: 'm' })
    let parent: string[] = []
    for (const cost of [0.1, 0.2]) {
      const step = run.addStep({ kind: 'llm', inputs: obj({ text: 'x' }), cost, modelInfo: 'm', parentIds: parent })
      parent = [step.id]
    }
    const view = buildRunView(run, { file: '/x/sum.tine', mtimeMs: 0, size: 0 })
    expect(view.costs.totalCost).toBe(0.3)
    expect(view.costs.byModel.m).toBe(0.3)
    expect(view.costs.byKind.llm).toBe(0.3)
  })
})
