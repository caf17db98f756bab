/** Read-only commands through the real bin: show, ls, search, cost, diff, export, run lookup, usage errors. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { expectCleanError, FIXTURE, removeWorkspace, tine, workspace, type TineResult } from '../testing/cli-harness'

const FILES = [
  FIXTURE.goldenV2,
  FIXTURE.goldenSigned,
  FIXTURE.demoComplete,
  FIXTURE.demoRunning,
  FIXTURE.demoPaused,
  FIXTURE.demoFailed,
  FIXTURE.guiFork,
  FIXTURE.compatSigned2
]

function fixtureJson(fixture: string): any {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, fixture), 'utf8'))
}

let dir: string
const r: Record<string, TineResult> = {}

beforeAll(async () => {
  dir = workspace(FILES)
  // A damaged file must be listed as corrupt, never break the listing.
  writeFileSync(
    path.join(dir, '.tine_runs', 'broken.tine'),
    readFileSync(path.join(FIXTURES_DIR, FIXTURE.goldenV2), 'utf8').slice(0, 300)
  )
  const calls: Record<string, string[]> = {
    show: ['show', 'demo-running'],
    showJson: ['show', 'golden_v2', '--json'],
    ls: ['ls'],
    lsJson: ['ls', '--json'],
    lsFiltered: ['ls', '--status', 'completed', '--tag', 'Release', '--json'],
    search: ['search', 'model:sonnet', 'status:paused', '--json'],
    searchText: ['search', 'MOCK-golden'],
    searchBad: ['search', 'cost:abc'],
    cost: ['cost', 'demo-running', '--json'],
    costText: ['cost', 'demo-complete'],
    diff: ['diff', 'demo-complete', 'demo-failed', '--json', '--exit-code'],
    diffSame: ['diff', 'golden_v2', 'golden_signed', '--exit-code'],
    export: ['export', 'demo-complete', '--format', 'otel-json'],
    ambiguous: ['show', 'demo'],
    unknown: ['show', 'zzz-no-such-run'],
    badOption: ['show', 'demo-running', '--no-such-flag'],
    missingArgument: ['show'],
    unknownCommand: ['frobnicate'],
    help: ['--help']
  }
  const names = Object.keys(calls)
  const results = await Promise.all(names.map((name) => tine(dir, calls[name])))
  names.forEach((name, i) => (r[name] = results[i]))
})

afterAll(() => removeWorkspace(dir))

describe('tine show', () => {
  it('prints the header, a legend and one numbered line per step, indented at branches', () => {
    expect(r.show.code).toBe(0)
    const doc = fixtureJson(FIXTURE.demoRunning)
    const lines = r.show.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(
      `# demo-running model=${doc.manifest?.model?.name ?? doc.metadata.model_info} steps=${doc.graph.order.length} cost=$0.0084 running`
    )
    expect(lines[1]).toMatch(/^legend: \* think {2}> tool {2}# model {2}\+ done {2}x error/)
    const stepLines = lines.slice(2, 2 + doc.graph.order.length)
    const named = stepLines.map((line) => /([*>#+x]) #(\d+) (\S+)/.exec(line)!)
    expect(named.map((match) => match[3])).toEqual(doc.graph.order.map((id: string) => id.slice(0, 12)))
    expect(named.map((match) => Number(match[2]))).toEqual(doc.graph.order.map((_id: string, index: number) => index))
    expect(stepLines[0].startsWith('*') || stepLines[0].startsWith('#') || stepLines[0].startsWith('>')).toBe(true)
    expect(stepLines.some((line) => line.startsWith('├─'))).toBe(true)
  })

  it('--json follows spec §17 with ints and floats kept apart', () => {
    expect(r.showJson.code).toBe(0)
    const doc = fixtureJson(FIXTURE.goldenV2)
    const shown = JSON.parse(r.showJson.stdout)
    expect(Object.keys(shown)).toEqual(['command', 'path', 'run', 'steps'])
    expect(shown.command).toBe('show')
    expect(Object.keys(shown.run)).toEqual([
      'created_at',
      'id',
      'model',
      'short_id',
      'status',
      'step_count',
      'system_prompt',
      'tags',
      'total_cost',
      'user_prompt'
    ])
    expect(shown.run.step_count).toBe(doc.graph.order.length)
    expect(shown.steps.map((step: any) => step.id)).toEqual(doc.graph.order)
    expect(Object.keys(shown.steps[0])).toEqual([
      'billing',
      'cost',
      'duration',
      'error',
      'id',
      'inputs',
      'kind',
      'model',
      'outputs',
      'parent_ids',
      'short_id',
      'timestamp',
      'tool',
      'usage'
    ])
    // Python prints a float cost as 0.0 and an int count as 3.
    expect(r.showJson.stdout).toMatch(/"cost": 0\.0,/)
    expect(r.showJson.stdout).toMatch(/"step_count": 3,/)
  })

  it('refuses ambiguous and unknown runs with the candidates, in one line', () => {
    expect(r.ambiguous.code).toBe(1)
    const [ambiguous] = expectCleanError(r.ambiguous)
    expect(ambiguous).toMatch(/ambiguous run 'demo'/)
    for (const name of ['demo-complete.tine', 'demo-failed.tine', 'demo-paused.tine', 'demo-running.tine'])
      expect(ambiguous).toContain(name)
    expect(r.unknown.code).toBe(1)
    expect(expectCleanError(r.unknown)).toHaveLength(1)
    expect(r.unknown.stderr).toMatch(/unknown run 'zzz-no-such-run'.*demo-complete/)
  })
})

describe('tine ls / search', () => {
  it('lists every run newest first and writes .tine_runs/index.json', () => {
    expect(r.ls.code).toBe(0)
    const lines = r.ls.stdout.trimEnd().split('\n')
    expect(lines[0].split(/\s+/)).toEqual(['ID', 'Status', 'Model', 'Steps', 'Cost', 'Tags', 'File'])
    expect(lines).toHaveLength(FILES.length + 2)
    expect(lines[lines.length - 1].split(/\s+/)).toEqual(['-', 'corrupt', '-', '-', '-', '-', 'broken.tine'])
    const listed = JSON.parse(r.lsJson.stdout)
    expect(listed.command).toBe('ls')
    expect(listed.count).toBe(FILES.length + 1)
    const created = FILES.map((file) => fixtureJson(file).created_at).sort((a, b) => b - a)
    expect(listed.runs.map((run: any) => run.created_at)).toEqual([...created, null])
    expect(listed.runs[FILES.length]).toMatchObject({ file: 'broken.tine', status: 'corrupt', unreadable: true })
    expect(Object.keys(listed.runs[0])).toEqual([
      'cost',
      'created_at',
      'file',
      'format_version',
      'model',
      'mtime',
      'path',
      'run_id',
      'short_id',
      'status',
      'steps',
      'tags',
      'unreadable'
    ])
    expect(listed.folders).toEqual(['.tine_runs'])
    const index = JSON.parse(readFileSync(path.join(dir, '.tine_runs', 'index.json'), 'utf8'))
    expect(index.index_version).toBe(1)
    expect(index.covered_format_version).toBe(2)
    expect(Object.keys(index.entries).sort()).toEqual(
      [...FILES.map((file) => path.basename(file)), 'broken.tine'].sort()
    )
    expect(index.entries['broken.tine'].unreadable).toBe(true)
    const entry = index.entries['demo-complete.tine']
    expect(entry.text).toBe(entry.text.toLowerCase())
    expect(entry.text).toContain('demo-complete')
  })

  it('filters with ls flags and with the search grammar', () => {
    const filtered = JSON.parse(r.lsFiltered.stdout)
    expect(filtered.runs.map((run: any) => run.run_id)).toEqual([fixtureJson(FIXTURE.compatSigned2).run_id])
    const found = JSON.parse(r.search.stdout)
    expect(found.command).toBe('search')
    expect(found.query).toBe('model:sonnet status:paused')
    expect(found.runs.map((run: any) => run.file)).toEqual(['demo-paused.tine'])
    expect(r.searchText.code).toBe(0)
    expect(r.searchText.stdout).toContain('golden_v2.tine')
    expect(r.searchText.stdout).toContain('golden_signed_v2.tine')
    expect(r.searchText.stdout).not.toContain('demo-complete.tine')
  })

  it('a malformed query is a usage error', () => {
    expect(r.searchBad.code).toBe(2)
    expect(expectCleanError(r.searchBad)).toHaveLength(1)
    expect(r.searchBad.stderr).toContain('cost:abc')
  })
})

describe('tine cost / diff / export', () => {
  it('cost --json totals tokens and groups by model and kind', () => {
    expect(r.cost.code).toBe(0)
    const cost = JSON.parse(r.cost.stdout)
    expect(Object.keys(cost)).toEqual([
      'budget',
      'budget_state',
      'by_kind',
      'by_model',
      'command',
      'input_tokens',
      'output_tokens',
      'over_budget',
      'pricing',
      'run_id',
      'short_id',
      'total_cost',
      'total_tokens'
    ])
    const steps = Object.values(fixtureJson(FIXTURE.demoRunning).graph.steps) as any[]
    const kinds = [...new Set(steps.map((step) => step.kind))].sort()
    expect(Object.keys(cost.by_kind).sort()).toEqual(kinds)
    expect(Object.values(cost.by_kind).reduce((sum: number, bucket: any) => sum + bucket.steps, 0)).toBe(steps.length)
    expect(cost.total_tokens).toBe(cost.input_tokens + cost.output_tokens)
    expect(cost.over_budget).toBe(false)
    expect(r.costText.stdout).toMatch(/^# demo-complet cost=\$0\.013 /)
  })

  it('diff --json reports drift and --exit-code exits 1 only when runs differ', () => {
    expect(r.diff.code).toBe(1)
    const diff = JSON.parse(r.diff.stdout)
    expect(Object.keys(diff)).toEqual([
      'command',
      'common_ancestor',
      'drift',
      'identical',
      'left',
      'right',
      'steps',
      'summary'
    ])
    expect(diff.identical).toBe(false)
    expect(Object.keys(diff.drift)).toEqual(['accounting', 'only_replay', 'only_source', 'structural'])
    expect(diff.left.run_id).toBe('demo-complete')
    expect(diff.right.run_id).toBe('demo-failed')
    // golden_v2 and its signed copy hold the same steps.
    expect(r.diffSame.code).toBe(0)
    expect(r.diffSame.stdout).toContain('identical')
  })

  it('export prints one OTLP/JSON document with a span per step', () => {
    expect(r.export.code).toBe(0)
    const trace = JSON.parse(r.export.stdout)
    const spans = trace.resourceSpans[0].scopeSpans[0].spans
    expect(spans).toHaveLength(fixtureJson(FIXTURE.demoComplete).graph.order.length)
    expect(trace.resourceSpans[0].resource.attributes[0]).toEqual({
      key: 'service.name',
      value: { stringValue: 'opentine' }
    })
  })
})

describe('usage errors exit 2', () => {
  it('unknown option, missing argument, unknown command', () => {
    for (const name of ['badOption', 'missingArgument', 'unknownCommand']) {
      expect(r[name].code, name).toBe(2)
      expect(r[name].stderr).not.toMatch(/^\s+at /m)
    }
    expect(r.badOption.stderr).toContain("unknown option '--no-such-flag'")
  })

  it('--help exits 0 and lists the commands', () => {
    expect(r.help.code).toBe(0)
    for (const command of [
      'show',
      'ls',
      'search',
      'verify',
      'sign',
      'keygen',
      'fork',
      'diff',
      'replay',
      'pause',
      'resume',
      'cost',
      'tag',
      'migrate',
      'export'
    ]) {
      expect(r.help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    }
    expect(existsSync(dir)).toBe(true)
  })
})
