// Runs we write (Run.addStep, writeRun, a paused re-save, draft saves) are accepted by the Python oracle
// (digest and content-addressed step ids reproduce) and read back by our loader unchanged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Run } from './run'
import { serializeRun, stepToRecord } from './save'
import { isContentHash } from '../tine/ids'
import { isObject, jsonEqual, obj, type JsonValue } from '../tine/json-value'
import { runOracle, type OracleRun } from '../../e2e/kit/oracle'
import { loadRun, writeRun } from '../../e2e/kit/run-files'

/** A realistic agent run: every step kind, usage, billing, unicode, floats, big ints, a branch. */
function agentRun(): Run {
  const run = new Run({
    id: 'writer-agent-run',
    createdAt: 1710000000.125,
    status: 'completed',
    modelInfo: 'claude-test-1',
    systemPrompt: 'You are careful.',
    userPrompt: 'Fix the build \u2014 then report \u{1f680}'
  })
  run.manifest = obj({
    kind: 'opentine-native',
    model: obj({ name: 'claude-test-1' }),
    tools: ['read', 'write'],
    resume: true
  })
  run.policies = obj({ profile: 'secure' })
  run.tags = ['build', 'unicode']
  const think = run.addStep({
    kind: 'think',
    inputs: obj({
      text: 'Plan: read caf\u00e9.txt, \u2603 \u{1f600} \ue000\uffff, tab\there, nul-ish \u0001, del \u007f'
    }),
    timestamp: 1710000001.0,
    duration: 1.5,
    cost: 0.0021,
    usage: obj({ input: 1200n, output: 340n, cache_read: 5000n, total: 6540n }),
    billing: obj({
      known_subtotal_usd: '0.0021',
      status: 'complete',
      catalog_id: 'test-catalog',
      rate_card_id: 'card-1'
    }),
    provider: 'anthropic'
  })
  const tool = run.addStep({
    kind: 'tool',
    inputs: obj({
      name: 'read',
      arguments: obj({ path: 'caf\u00e9.txt', offset: 0n, ratio: 0.1, tiny: 1e-7, huge: 1e300, negative: -0 })
    }),
    outputs: obj({ result: 'line 1\nline 2', bytes: 2n ** 70n, delta: -(10n ** 30n), checksum: 18446744073709551616n }),
    toolInfo: obj({ name: 'read' }),
    timestamp: 1710000002.25,
    duration: 0.004
  })
  const model = run.addStep({
    kind: 'model',
    inputs: obj({ text: '' }),
    outputs: obj({
      tool_calls: [obj({ id: 'call_1', name: 'write', arguments: obj({ path: 'out.txt', text: '\u00e9\u00e8' }) })]
    }),
    timestamp: 1710000003.5,
    cost: 0.5,
    usage: obj({ input: 10n, output: 20n, reasoning: 7n, latency_ms: 12.5 })
  })
  run.addStep({
    kind: 'error',
    inputs: obj({ name: 'write', arguments: obj({ path: 'out.txt' }) }),
    error: obj({ type: 'PermissionError', message: 'read-only file system: out.txt' }),
    timestamp: 1710000004.0
  })
  // A second branch from the tool step.
  run.addStep({
    kind: 'think',
    inputs: obj({ text: 'alternative plan' }),
    parentIds: [tool.id.slice(0, 10)],
    ref: 'alt',
    timestamp: 1710000005.0
  })
  // A merge step with two parents.
  run.addStep({
    kind: 'done',
    inputs: obj({ text: 'Done \u2705' }),
    parentIds: [model.id, run.refs.alt],
    timestamp: 1710000006.0
  })
  run.transcript = [
    obj({ role: 'user', content: run.userPrompt }),
    obj({ step_id: think.id, role: 'assistant', content: 'Plan' }),
    obj({ step_id: tool.id, role: 'tool', content: 'line 1\nline 2', name: 'read', tool_call_id: 'call_0' })
  ]
  return run
}

/** A failed run with a caller-assigned step id next to content-addressed ones. */
function failedRun(): Run {
  const run = new Run({ id: 'writer-failed-run', createdAt: 1710000100.0, status: 'failed', modelInfo: 'gpt-test' })
  run.addStep({ kind: 'think', inputs: obj({ text: 'try' }), timestamp: 1710000101.0, id: 's1' })
  run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'bash', arguments: obj({ cmd: 'false' }) }),
    outputs: obj({ result: '', exit_code: 1n }),
    toolInfo: obj({ name: 'bash' }),
    timestamp: 1710000102.0
  })
  run.addStep({
    kind: 'error',
    inputs: obj({ text: 'Max steps reached' }),
    error: obj({ type: 'MaxSteps', message: 'Max steps reached' }),
    timestamp: 1710000103.0
  })
  return run
}

function emptyRun(): Run {
  return new Run({ id: 'writer-empty-run', createdAt: 1710000200.5, status: 'running' })
}

function runningRun(): Run {
  const run = new Run({
    id: 'writer-running-run',
    createdAt: 1710000300.75,
    status: 'running',
    modelInfo: 'local-model'
  })
  run.addStep({ kind: 'think', inputs: obj({ text: 'step one' }), timestamp: 1710000301.0 })
  run.addStep({
    kind: 'model',
    inputs: obj({ text: 'step two' }),
    outputs: obj({ text: 'ok' }),
    timestamp: 1710000302.0,
    usage: obj({ input: 1n, output: 2n })
  })
  return run
}

function withDefaultMain(run: Run): Run {
  const copy = run.clone()
  copy.refs.main = run.order.at(-1) ?? ''
  return copy
}

let dir: string
let oracle: OracleRun
const files: Record<string, { file: string; run: Run; draft: boolean; text: string }> = {}

describe('files we write, checked by the Python oracle and read back', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tine-writer-'))
    const plain: Array<[string, Run]> = [
      ['agent', agentRun()],
      ['failed', failedRun()],
      ['empty', emptyRun()]
    ]
    for (const [name, run] of plain) {
      const file = path.join(dir, `${name}.tine`)
      await writeRun(file, run)
      files[name] = { file, run, draft: false, text: readFileSync(file, 'utf8') }
    }

    const pausedFile = path.join(dir, 'paused.tine')
    await writeRun(pausedFile, runningRun())
    const paused = await loadRun(pausedFile)
    paused.status = 'paused'
    await writeRun(pausedFile, paused)
    files.paused = { file: pausedFile, run: paused, draft: false, text: readFileSync(pausedFile, 'utf8') }

    for (const [name, run] of [
      ['draft', runningRun()],
      ['draft-agent', agentRun()]
    ] as const) {
      const file = path.join(dir, `${name}.tine`)
      const text = serializeRun(run, { draft: true })
      writeFileSync(file, text)
      files[name] = { file, run, draft: true, text }
    }
    oracle = runOracle(Object.values(files).map((entry) => entry.file))
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the oracle accepts every file (exit 0)', () => {
    expect(oracle.status, oracle.stdout + oracle.stderr).toBe(0)
    expect(oracle.files.size).toBe(Object.keys(files).length)
  })

  for (const name of ['agent', 'failed', 'empty', 'paused', 'draft', 'draft-agent']) {
    describe(name, () => {
      it('has an OK digest and content-addressed step ids the oracle reproduces', () => {
        const { file, run } = files[name]
        const report = oracle.files.get(file)!
        expect(report.ok, report.text).toBe(true)
        expect(report.digestOk).toBe(true)
        const hashed = run.steps.filter((step) => isContentHash(step.id)).length
        expect([report.stepsOk, report.stepsCallerAssigned, report.stepsMismatch]).toEqual([
          hashed,
          run.stepCount - hashed,
          0
        ])
      })

      it('reads back identical', async () => {
        const { file, run, draft, text } = files[name]
        const loaded = await loadRun(file)
        expect(loaded.provenance.integrity?.ok).toBe(true)
        expect(loaded.draft).toBe(draft)
        // The one documented load normalisation that shows on a re-save: refs.main always exists (spec §10).
        const expected = 'main' in run.refs ? text : serializeRun(withDefaultMain(run), { draft })
        expect(serializeRun(loaded, { draft })).toBe(expected)
        expect(loaded.order).toEqual(run.order)
        for (const step of run.steps) {
          expect(jsonEqual(stepToRecord(loaded.getStep(step.id)!), stepToRecord(step)), `step ${step.id}`).toBe(true)
        }
        expect([loaded.id, loaded.status, loaded.createdAt, loaded.modelInfo, loaded.userPrompt]).toEqual([
          run.id,
          run.status,
          run.createdAt,
          run.modelInfo,
          run.userPrompt
        ])
        expect({ ...loaded.refs }).toEqual({ main: run.order.at(-1) ?? '', ...run.refs })
        expect(loaded.tags).toEqual(run.tags)
        expect(jsonEqual(loaded.transcript as JsonValue, run.transcript as JsonValue)).toBe(true)
        expect(jsonEqual(loaded.manifest, run.manifest)).toBe(true)
      })
    })
  }

  it('keeps int/float kinds, -0.0, big ints and non-ASCII escapes in the file text', () => {
    const text = files.agent.text
    expect(text).toContain('"bytes": 1180591620717411303424')
    expect(text).toContain('"delta": -1000000000000000000000000000000')
    expect(text).toContain('"ratio": 0.1')
    expect(text).toContain('"tiny": 1e-07')
    expect(text).toContain('"huge": 1e+300')
    expect(text).toContain('"negative": -0.0')
    expect(text).toContain('"offset": 0,')
    expect(text).toContain('\\ud83d\\ude00 \\ue000\\uffff')
    expect(text).toMatch(/^[\x00-\x7f]*$/)
    expect(text.endsWith('}')).toBe(true)
  })

  it('pausing writes status paused and a fresh digest', () => {
    const report = oracle.files.get(files.paused.file)!
    expect(files.paused.run.status).toBe('paused')
    expect(files.paused.text).toContain('"status": "paused"')
    expect(report.ok).toBe(true)
  })

  it('a draft carries draft: true and metadata.autosave', async () => {
    const loaded = await loadRun(files.draft.file)
    expect(files.draft.text).toContain('"draft": true')
    const autosave = loaded.metadata.autosave
    expect(isObject(autosave)).toBe(true)
    expect(jsonEqual(autosave, obj({ partial: true, status: 'running', step_count: 2n }))).toBe(true)
    expect(loaded.provenance.integrity?.draft).toBe(true)
    // A final save of the loaded draft drops both markers.
    const final = serializeRun(loaded)
    expect(final).not.toContain('"draft"')
    expect(final).not.toContain('"autosave"')
  })
})
