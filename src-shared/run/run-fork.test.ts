import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { forkPointFor, forkRun } from './fork'
import { Run } from './run'
import { runToDict } from './save'
import { TineError } from '../tine/errors'
import { intentHash, sliceHash } from '../tine/ids'
import { deepCopy, jsonEqual, obj, toPlain } from '../tine/json-value'
import { FIXTURES_DIR, ORACLE } from '../../e2e/kit/paths'
import { loadRun, writeRun } from '../../e2e/kit/run-files'

const GOLDEN = path.join(FIXTURES_DIR, 'golden/golden_v2.tine')
const DEMO_FAILED = path.join(FIXTURES_DIR, 'gui/.tine_runs/demo-failed.tine')
const GUI_FORK = path.join(
  FIXTURES_DIR,
  'gui/.tine_runs/862afdc2511fb2e18a132b9b41e80700858cd3af4b273bfbd1e325cfa1ef4d9c.tine'
)
const COMPAT_FORK = path.join(FIXTURES_DIR, 'compat/v0_8_0/fork.tine')

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-fork-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

function oracle(file: string): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync('python3', [ORACLE, file], { encoding: 'utf8' }) }
  } catch (error) {
    const failure = error as { status: number; stdout: string }
    return { code: failure.status, output: failure.stdout }
  }
}

function expectTineError(action: () => unknown, code: string, message: RegExp): void {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(TineError)
    expect((error as TineError).code).toBe(code)
    expect((error as TineError).message).toMatch(message)
    return
  }
  throw new Error('expected a TineError')
}

describe('forkRun on real files', () => {
  for (const [label, file] of [
    ['golden_v2', GOLDEN],
    ['demo-failed', DEMO_FAILED]
  ] as const) {
    for (const mode of ['after', 'before'] as const) {
      it(`${label}: fork ${mode} the last step writes a file the oracle accepts`, async () => {
        const source = await loadRun(file)
        const before = runToDict(source)
        const last = source.order[source.order.length - 1]
        const result = forkRun(source, {
          at: last.slice(0, 6),
          mode,
          branch: 'retry',
          intent: obj({ reason: 'test' }),
          now: 1767225600.5
        })
        expect(jsonEqual(runToDict(source), before)).toBe(true)

        const expectedPoint = mode === 'after' ? last : source.getStep(last)!.parentIds.at(-1)!
        expect(result.forkPoint).toBe(expectedPoint)
        expect(result.retained).toEqual(source.order.filter((id) => source.ancestors(expectedPoint).includes(id)))
        expect(result.run.order).toEqual(result.retained)
        expect(result.run.status).toBe('paused')
        expect(result.run.createdAt).toBe(1767225600.5)
        expect({ ...result.run.refs }).toEqual({ retry: expectedPoint, fork_point: expectedPoint, main: expectedPoint })
        expect(result.run.metadata.forked_from).toBe(source.id)
        expect(result.run.metadata.fork_point).toBe(expectedPoint)
        expect(toPlain(result.run.cache)).toEqual({})
        const record = result.record!
        expect(record.slice).toBe(sliceHash(result.retained))
        expect(record.slice_size).toBe(BigInt(result.retained.length))
        expect(record.source_digest).toBe(source.provenance.integrity!.expected)
        expect(record.nonce).toMatch(/^[0-9a-f]{32}$/)
        expect(record.intent).toBe(intentHash(obj({ reason: 'test' })))

        const target = path.join(tempDir, `${label}-${mode}.tine`)
        await writeRun(target, result.run)
        const verdict = oracle(target)
        expect(verdict.code, verdict.output).toBe(0)
        expect(verdict.output).toContain('fork=act-id OK')
        const reloaded = await loadRun(target)
        expect(reloaded.id).toBe(result.run.id)
        expect(reloaded.status).toBe('paused')
      })
    }
  }

  it('reproduces the GUI fixture written by opentine 0.5.0 (random nonce, no source digest)', async () => {
    const fixture = await loadRun(GUI_FORK)
    const source = await loadRun(DEMO_FAILED)
    // opentine forked the in-memory run, which carried no digest: source_digest "".
    source.provenance = { ...source.provenance, integrity: null }
    const stored = fixture.metadata.fork as Record<string, unknown>
    const { run, record } = forkRun(source, {
      at: 'f4',
      mode: 'after',
      branch: 'experiment',
      intent: obj({ reason: fixture.metadata.fork_reason as string }),
      nonce: stored.nonce as string
    })
    expect(run.id).toBe(fixture.id)
    expect(jsonEqual(record, fixture.metadata.fork)).toBe(true)
    expect(run.modelInfo).toBe(fixture.modelInfo)
    expect({ ...run.refs }).toEqual({ ...fixture.refs })
    expect(run.order).toEqual(fixture.order)
  })

  it('forking the v0_8_0 compat source shape with nonce "" and intent {} gives the recorded id, twice', async () => {
    const fixture = await loadRun(COMPAT_FORK)
    const stored = fixture.metadata.fork as Record<string, unknown>
    const source = new Run({
      id: stored.source as string,
      modelInfo: fixture.modelInfo,
      systemPrompt: fixture.systemPrompt,
      userPrompt: fixture.userPrompt
    })
    for (const step of fixture.steps) source.putStep(step)
    source.refs.main = fixture.order.at(-1)!
    source.provenance = {
      sourceFormat: 'v2',
      integrity: {
        ok: true,
        algorithm: 'sha256',
        expected: stored.source_digest as string,
        actual: null,
        reason: 'ok',
        draft: false
      }
    }
    const first = forkRun(source, { at: stored.point as string, mode: 'after', intent: obj({}), nonce: '' })
    const second = forkRun(source, {
      at: (stored.point as string).slice(0, 10),
      mode: 'after',
      intent: null,
      nonce: ''
    })
    expect(first.run.id).toBe(fixture.id)
    expect(second.run.id).toBe(fixture.id)
    expect(jsonEqual(first.record, fixture.metadata.fork)).toBe(true)
    expect(toPlain(first.run.transcript)).toEqual([])
  })
})

function sampleRun(): Run {
  const run = new Run({ id: 'sample', modelInfo: 'base-model', createdAt: 1 })
  run.addStep({ kind: 'think', id: 'plan', inputs: obj({ text: 'plan' }), modelInfo: '', timestamp: 1 })
  run.addStep({ kind: 'model', id: 'm1', modelInfo: 'model-a', timestamp: 2 })
  run.addStep({ kind: 'tool', id: 'side', parentIds: ['plan'], modelInfo: '', timestamp: 3, ref: 'side' })
  run.addStep({
    kind: 'tool',
    id: 't1',
    parentIds: ['m1'],
    modelInfo: '',
    causalIds: ['side', 'dangling'],
    timestamp: 4
  })
  run.addStep({ kind: 'done', id: 'end', modelInfo: '', timestamp: 5 })
  run.metadata = obj({
    budget_state: obj({ breached: true }),
    warnings: ['w'],
    fork: obj({ version: 1n }),
    integrity: obj({}),
    note: 'kept',
    fork_reason: 'kept too'
  })
  run.tags = ['a']
  run.manifest = obj({
    model: obj({ name: 'base-model' }),
    resume_history: [obj({ model: 'x' })],
    pricing: obj({
      rate_cards: obj({ m1: 'card-1', end: 'card-2' }),
      invocations: [obj({ step_id: 'm1' }), obj({ step_id: 'end' })],
      complete: true
    })
  })
  run.cache = obj({ key: obj({ value: 1n }) })
  run.transcript = [
    obj({ role: 'user', content: 'go' }),
    obj({ step_id: 'm1', role: 'assistant', content: 'a' }),
    obj({ step_id: 't1', role: 'tool', content: 'r' }),
    obj({ step_id: 'end', role: 'assistant', content: 'done' })
  ]
  return run
}

describe('forkRun semantics (spec §9.4)', () => {
  it('retains the causal closure, slices metadata, manifest, pricing and transcript', () => {
    const source = sampleRun()
    const before = deepCopy(runToDict(source))
    const { run, retained, record } = forkRun(source, { at: 't1', mode: 'after', nonce: '', now: 10 })
    expect(jsonEqual(runToDict(source), before)).toBe(true)
    expect(retained).toEqual(['plan', 'm1', 'side', 't1'])
    expect(Object.keys(run.metadata).sort()).toEqual(['fork', 'fork_point', 'fork_reason', 'forked_from', 'note'])
    expect(jsonEqual(run.metadata.fork, record)).toBe(true)
    expect(run.tags).toEqual([])
    expect(toPlain(run.manifest)).toEqual({
      model: { name: 'model-a' },
      pricing: { rate_cards: { m1: 'card-1' }, invocations: [{ step_id: 'm1' }], complete: true }
    })
    expect(run.modelInfo).toBe('model-a')
    expect(toPlain(run.cache)).toEqual({})
    expect(toPlain(run.transcript)).toEqual([
      { role: 'user', content: 'go' },
      { step_id: 'm1', role: 'assistant', content: 'a' },
      { step_id: 't1', role: 'tool', content: 'r' }
    ])
    // Deep copies: editing the fork leaves the source alone.
    run.getStep('m1')!.inputs.text = 'edited'
    expect(source.getStep('m1')!.inputs.text).toBeUndefined()
  })

  it("'before' forks at the primary parent; a root step has nothing before it", () => {
    const source = sampleRun()
    expect(forkPointFor(source, 'end', 'before')).toBe('t1')
    expect(forkPointFor(source, 'end', 'after')).toBe('end')
    expectTineError(() => forkPointFor(source, 'plan', 'before'), 'run.invalid-argument', /root step/)
  })

  it('with only think steps retained, the model name is removed', () => {
    const { run } = forkRun(sampleRun(), { at: 'plan', mode: 'after', nonce: '' })
    expect(run.modelInfo).toBe('')
    expect(toPlain(run.manifest.model)).toEqual({})
  })

  it('an explicit run id writes no fork record; random nonces give distinct ids', async () => {
    const source = sampleRun()
    const explicit = forkRun(source, { at: 'm1', mode: 'after', newRunId: 'my-fork' })
    expect(explicit.run.id).toBe('my-fork')
    expect(explicit.record).toBeNull()
    expect('fork' in explicit.run.metadata).toBe(false)
    const target = path.join(tempDir, 'explicit.tine')
    await writeRun(target, explicit.run)
    expect(oracle(target).output).toContain('fork=explicit id')
    const a = forkRun(source, { at: 'm1', mode: 'after' })
    const b = forkRun(source, { at: 'm1', mode: 'after' })
    expect(a.run.id).not.toBe(b.run.id)
    const c = forkRun(source, { at: 'm1', mode: 'after', nonce: '' })
    expect(c.run.id).toBe(forkRun(source, { at: 'm1', mode: 'after', nonce: '', now: 99 }).run.id)
  })

  it('refuses unknown and ambiguous refs with clear errors', () => {
    const run = new Run({ id: 'refs' })
    run.addStep({ kind: 'think', id: 'abc1', timestamp: 1 })
    run.addStep({ kind: 'think', id: 'abc2', timestamp: 2 })
    expectTineError(() => forkRun(run, { at: 'zz', mode: 'after' }), 'run.unknown-step', /Unknown step ref: zz/)
    expectTineError(
      () => forkRun(run, { at: 'abc', mode: 'after' }),
      'run.ambiguous-step',
      /Ambiguous step ref: abc matches 2 steps/
    )
    expect(forkRun(run, { at: 'abc2', mode: 'before', nonce: '' }).forkPoint).toBe('abc1')
  })
})
