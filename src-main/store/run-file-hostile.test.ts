// Hostile and broken files through the core API (loadRun): each is refused with a TineError whose
// one-line message names the problem (and the JSON path where the spec asks for one), nothing
// crashes, and the file on disk is left exactly as it was. Parse-level refusals are also checked
// against the Python oracle's refusal code.
import {
  promises as fsPromises,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadRun } from './run-file'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { TineError } from '../../src-shared/tine/errors'
import { obj } from '../../src-shared/tine/json-value'
import { runOracle, type OracleRun } from '../../e2e/kit/oracle'

let dir: string

/** A small valid run: three chained steps with known ids, to mutate into hostile variants. */
function baseRun(): { run: Run; ids: string[] } {
  const run = new Run({
    id: 'hostile-base',
    createdAt: 1710000000.25,
    status: 'completed',
    modelInfo: 'mock-model',
    userPrompt: 'task'
  })
  run.manifest = obj({ resume: true })
  const think = run.addStep({ kind: 'think', inputs: obj({ text: 'plan' }), timestamp: 1710000001.5 })
  const tool = run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'read', arguments: obj({ path: 'README.md' }) }),
    outputs: obj({ result: 'hello' }),
    toolInfo: obj({ name: 'read' }),
    timestamp: 1710000002.5,
    duration: 0.25
  })
  const done = run.addStep({ kind: 'done', inputs: obj({ text: 'finished' }), timestamp: 1710000003.5, cost: 0.001 })
  return { run, ids: [think.id, tool.id, done.id] }
}

const { run: base, ids } = baseRun()
const baseText = serializeRun(base)

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at < 0) throw new Error(`test setup: ${JSON.stringify(from)} not found`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

/** Replaces the first `from` inside the record of step `id` in graph.steps. */
function inStep(text: string, id: string, from: string, to: string): string {
  const recordStart = text.indexOf(`"${id}": {`)
  const at = text.indexOf(from, recordStart)
  if (recordStart < 0 || at < 0) throw new Error(`test setup: ${from} not found in step ${id}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

interface HostileCase {
  name: string
  bytes: () => Uint8Array
  code: TineError['code']
  message: RegExp
  /** The JSON path the error must name, when the spec asks for one. */
  path?: RegExp
  /** Whether the oracle must refuse it while parsing with the same code. */
  parseLevel?: boolean
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** The base file cut at each kind of place a parser can run out of input. */
function truncations(): HostileCase[] {
  const cutAfter = (marker: string) => baseText.indexOf(marker) + marker.length
  const places: Array<[string, number]> = [
    ['in the middle', Math.floor(baseText.length / 2)],
    ['inside a string', cutAfter('"text": "pl')],
    ['where a property name is due', cutAfter('"cache": {},\n  ')],
    ['after a colon', cutAfter('"kind":')],
    ['inside a number', cutAfter('"cost": 0.')],
    ['inside a literal', cutAfter('"resume": tr')],
    ['before the last brace', baseText.length - 1]
  ]
  return places.map(([where, cut]) => ({
    name: `file truncated ${where}`,
    bytes: () => utf8(baseText.slice(0, cut)),
    code: 'artifact.malformed-json',
    message: /truncated/,
    parseLevel: true
  }))
}
const stepPath = (id: string) => `\\$\\.graph\\.steps(\\.${id}|\\["${id}"\\])`

const cases: HostileCase[] = [
  ...truncations(),
  {
    name: '600 levels of nesting',
    bytes: () =>
      utf8(replaceOnce(baseText, '"policies": {}', `"policies": {"deep": ${'['.repeat(600)}0${']'.repeat(600)}}`)),
    code: 'artifact.structure-excessive',
    message: /nesting deeper than 512/,
    parseLevel: true
  },
  {
    name: 'duplicate key',
    bytes: () => utf8(inStep(baseText, ids[0], '"text": "plan"', '"text": "plan", "text": "again"')),
    code: 'artifact.duplicate-key',
    message: /duplicate key "text"/,
    path: new RegExp(`^${stepPath(ids[0])}\\.inputs$`),
    parseLevel: true
  },
  {
    name: 'escaped lone surrogate',
    bytes: () => utf8(inStep(baseText, ids[0], '"text": "plan"', '"text": "plan\\ud800"')),
    code: 'artifact.lone-surrogate',
    message: /unpaired surrogate/,
    path: new RegExp(`^${stepPath(ids[0])}\\.inputs\\.text$`),
    parseLevel: true
  },
  {
    name: 'NUL byte',
    bytes: () => utf8(inStep(baseText, ids[0], '"text": "plan"', '"text": "pl\u0000an"')),
    code: 'artifact.nul-byte',
    message: /NUL byte/,
    parseLevel: true
  },
  {
    name: 'NaN',
    bytes: () => utf8(inStep(baseText, ids[2], '"cost": 0.001', '"cost": NaN')),
    code: 'artifact.non-finite',
    message: /NaN/,
    path: new RegExp(`^${stepPath(ids[2])}\\.cost$`),
    parseLevel: true
  },
  {
    name: '1e400',
    bytes: () => utf8(inStep(baseText, ids[2], '"cost": 0.001', '"cost": 1e400')),
    code: 'artifact.non-finite',
    message: /1e400 overflows/,
    path: new RegExp(`^${stepPath(ids[2])}\\.cost$`),
    parseLevel: true
  },
  {
    name: '5000-digit integer',
    bytes: () => utf8(replaceOnce(baseText, '"policies": {}', `"policies": {"n": ${'7'.repeat(5000)}}`)),
    code: 'artifact.integer-too-many-digits',
    message: /5000 digits \(limit 4096\)/,
    path: /^\$\.policies\.n$/,
    parseLevel: true
  },
  {
    name: 'non-UTF-8 bytes',
    bytes: () => {
      const text = inStep(baseText, ids[0], '"text": "plan"', '"text": "pl@n"')
      const bytes = utf8(text)
      bytes[text.indexOf('pl@n') + 2] = 0xff
      return bytes
    },
    code: 'artifact.not-utf8',
    message: /not valid UTF-8/,
    parseLevel: true
  },
  {
    name: 'unsupported format_version 3',
    bytes: () => utf8(replaceOnce(baseText, '"format_version": 2', '"format_version": 3')),
    code: 'artifact.unsupported-version',
    message: /format_version=3; written by a newer opentine/,
    path: /^\$\.format_version$/
  },
  {
    name: 'a missing parent step',
    bytes: () => utf8(inStep(baseText, ids[1], `"${ids[0]}"`, `"${'f'.repeat(64)}"`)),
    code: 'artifact.graph-invalid',
    message: new RegExp(`parent ${'f'.repeat(64)}, which is not in the graph`),
    path: new RegExp(`^${stepPath(ids[1])}\\.parent_ids\\[0\\]$`)
  },
  {
    name: 'a step listed twice in graph.order',
    bytes: () => utf8(replaceOnce(baseText, `"${ids[2]}"\n    ]`, `"${ids[2]}",\n      "${ids[0]}"\n    ]`)),
    code: 'artifact.graph-invalid',
    message: new RegExp(`step ${ids[0]} is listed twice in graph.order`),
    path: /^\$\.graph\.order\[3\]$/
  },
  {
    name: 'graph.order naming a step that is not stored',
    bytes: () => utf8(replaceOnce(baseText, `"${ids[2]}"\n    ]`, `"${ids[2]}",\n      "${'e'.repeat(64)}"\n    ]`)),
    code: 'artifact.graph-invalid',
    message: new RegExp(`graph.order lists ${'e'.repeat(64)}, which is not in graph.steps`),
    path: /^\$\.graph\.order\[3\]$/
  },
  {
    name: 'a stored step that graph.order leaves out',
    bytes: () => utf8(replaceOnce(baseText, `,\n      "${ids[2]}"\n    ]`, '\n    ]')),
    code: 'artifact.graph-invalid',
    message: new RegExp(`graph.order does not list step ${ids[2]}`),
    path: /^\$\.graph\.order$/
  },
  {
    name: 'graph.order naming an unknown step in place of a stored one',
    bytes: () => utf8(replaceOnce(baseText, `"${ids[2]}"\n    ]`, `"${'e'.repeat(64)}"\n    ]`)),
    code: 'artifact.graph-invalid',
    message: new RegExp(`graph.order lists ${'e'.repeat(64)}, which is not in graph.steps`),
    path: /^\$\.graph\.order\[2\]$/
  },
  {
    name: 'a negative token count',
    bytes: () => utf8(inStep(baseText, ids[1], '"tool_info"', '"usage": {"input": -1}, "tool_info"')),
    code: 'artifact.invalid-shape',
    message: /token count "input" must be between 0 and 2\^53-1/,
    path: new RegExp(`^${stepPath(ids[1])}\\.usage\\.input$`)
  },
  {
    name: 'cyclic parent_ids',
    bytes: () => utf8(inStep(baseText, ids[0], '"parent_ids": []', `"parent_ids": ["${ids[2]}"]`)),
    code: 'artifact.graph-invalid',
    message: /cycle in parent_ids/
  },
  {
    name: 'status "weird"',
    bytes: () => utf8(replaceOnce(baseText, '"status": "completed"', '"status": "weird"')),
    code: 'artifact.invalid-shape',
    message: /status must be .*found "weird"/,
    path: /^\$\.status$/
  },
  {
    name: 'step missing "kind"',
    bytes: () => utf8(inStep(baseText, ids[1], '"kind": "tool",\n', '')),
    code: 'artifact.invalid-shape',
    message: /missing required field "kind"/,
    path: new RegExp(`^${stepPath(ids[1])}\\.kind$`)
  }
]

async function refusal(file: string): Promise<unknown> {
  try {
    await loadRun(file)
  } catch (error) {
    return error
  }
  return undefined
}

function snapshot(file: string): { bytes: Buffer; mtimeMs: number; size: number } {
  const stat = statSync(file)
  return { bytes: readFileSync(file), mtimeMs: stat.mtimeMs, size: stat.size }
}

describe('hostile files through loadRun', () => {
  let oracle: OracleRun
  const fileOf = (name: string) => path.join(dir, name.replace(/[^a-z0-9]+/gi, '-') + '.tine')

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tine-hostile-'))
    writeFileSync(path.join(dir, 'base.tine'), baseText)
    for (const testCase of cases) writeFileSync(fileOf(testCase.name), testCase.bytes())
    oracle = runOracle([path.join(dir, 'base.tine'), ...cases.map((testCase) => fileOf(testCase.name))])
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the unmutated base file loads and the oracle accepts it', async () => {
    const run = await loadRun(path.join(dir, 'base.tine'))
    expect(run.provenance.integrity?.ok).toBe(true)
    expect(run.order).toEqual(ids)
    expect(oracle.files.get(path.join(dir, 'base.tine'))?.ok).toBe(true)
  })

  for (const testCase of cases) {
    it(`refuses: ${testCase.name}`, async () => {
      const file = fileOf(testCase.name)
      const before = snapshot(file)
      const error = await refusal(file)
      expect(error, 'expected a TineError').toBeInstanceOf(TineError)
      const tineError = error as TineError
      expect(tineError.code).toBe(testCase.code)
      expect(tineError.message).toMatch(testCase.message)
      expect(tineError.message).not.toContain('\n')
      if (testCase.path) {
        expect(tineError.path).toMatch(testCase.path)
        expect(tineError.message).toContain(`at ${tineError.path}`)
      }
      const after = snapshot(file)
      expect(after.bytes.equals(before.bytes)).toBe(true)
      expect(after.mtimeMs).toBe(before.mtimeMs)
      if (testCase.parseLevel) {
        const report = oracle.files.get(file)
        expect(report?.ok).toBe(false)
        expect(report?.refusedCode, report?.text).toBe(testCase.code)
      }
    })
  }
})

describe('a __proto__ key', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted
  })

  it('loads as an ordinary key, pollutes nothing, and round-trips byte for byte', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'tine-proto-'))
    try {
      const run = new Run({ id: 'proto-run', createdAt: 1710000000.5, status: 'completed' })
      const inputs = obj({ text: 'x' })
      inputs['__proto__'] = obj({ polluted: true })
      run.addStep({ kind: 'think', inputs, timestamp: 1710000001.5 })
      const text = serializeRun(run)
      expect(text).toContain('"__proto__": {')
      const file = path.join(directory, 'proto.tine')
      writeFileSync(file, text)

      const loaded = await loadRun(file)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
      const step = loaded.steps[0]
      expect(Object.prototype.hasOwnProperty.call(step.inputs, '__proto__')).toBe(true)
      const protoValue = step.inputs['__proto__']
      expect(Object.getPrototypeOf(step.inputs)).not.toBe(protoValue)
      expect((step.inputs as Record<string, unknown>).polluted).toBeUndefined()
      expect(step.inputs instanceof Object).toBe(false)
      expect(loaded.provenance.integrity?.ok).toBe(true)
      expect(serializeRun(loaded)).toBe(text)
      expect(readFileSync(file, 'utf8')).toBe(text)
      expect(runOracle([file]).status).toBe(0)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('a 300 MB file', () => {
  it('is refused from stat, before any byte is read', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'tine-huge-'))
    const file = path.join(directory, 'huge.tine')
    const readFile = vi.spyOn(fsPromises, 'readFile')
    try {
      writeFileSync(file, '')
      truncateSync(file, 300 * 1024 * 1024) // sparse: no disk space, no write time
      const before = statSync(file)
      const started = performance.now()
      const error = await refusal(file)
      expect(performance.now() - started).toBeLessThan(1000)
      expect(error).toBeInstanceOf(TineError)
      expect((error as TineError).code).toBe('artifact.too-large')
      expect((error as TineError).message).toMatch(/300\.0 MiB, over the 256 MiB limit/)
      expect(readFile).not.toHaveBeenCalled()
      const after = statSync(file)
      expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs])
    } finally {
      readFile.mockRestore()
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
