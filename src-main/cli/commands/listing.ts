/** `tine ls` and `tine search`: runs in `.tine_runs/` from the index, filtered and newest first (spec §17, §18). */
import { InvalidArgumentError, type Command } from 'commander'
import { TineError } from '../../../src-shared/tine/errors'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { formatCost, shortId } from '../../../src-shared/run/format'
import type { IndexEntry } from '../../../src-shared/run/index-entry'
import { parseQuery, parseQueryDate, searchEntries, type Query } from '../../../src-shared/run/query'
import { normalizeTags } from '../../../src-shared/run/tags'
import { refreshIndex, runsDirFor } from '../../store/run-index'
import { UsageError } from '../errors'
import { int } from '../json-views'
import { out, outJson } from '../output'

interface LsFlags {
  tag: string[]
  model?: string
  status?: string
  costMin?: number
  costMax?: number
  since?: string
  until?: string
  grep: string[]
  limit: number
  json?: boolean
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function parseAmount(value: string): number {
  const amount = Number(value)
  if (value.trim() === '' || !Number.isFinite(amount) || amount < 0) throw new InvalidArgumentError('expected a non-negative number of USD')
  return amount
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 = no limit)')
  return Number(value)
}

function asUsage<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof TineError) throw new UsageError(error.message)
    throw error
  }
}

function queryFromFlags(flags: LsFlags): Query | null {
  const filtered = flags.tag.length || flags.grep.length || flags.model || flags.status || flags.costMin !== undefined || flags.costMax !== undefined || flags.since || flags.until
  if (!filtered) return null
  return asUsage(() => ({
    terms: flags.grep.map((term) => term.toLowerCase()),
    tags: normalizeTags(flags.tag),
    models: flags.model ? [flags.model.toLowerCase()] : [],
    statuses: flags.status ? [flags.status.toLowerCase()] : [],
    costMin: flags.costMin ?? null,
    costMax: flags.costMax ?? null,
    after: flags.since ? parseQueryDate(flags.since, `--since ${flags.since}`) : null,
    before: flags.until ? parseQueryDate(flags.until, `--until ${flags.until}`) : null
  }))
}

/** Newest first; files that could not be read sort last. */
function newestFirst(entries: IndexEntry[]): IndexEntry[] {
  return [...entries].sort((x, y) => Number(x.unreadable) - Number(y.unreadable) || y.created_at - x.created_at || x.file.localeCompare(y.file))
}

function entryJson(entry: IndexEntry): JsonObject {
  if (entry.unreadable) {
    return obj({
      cost: null,
      created_at: null,
      file: entry.file,
      format_version: null,
      model: null,
      mtime: entry.mtime,
      reason: entry.reason,
      run_id: null,
      short_id: null,
      status: 'corrupt',
      steps: null,
      tags: [],
      unreadable: true
    })
  }
  return obj({
    cost: entry.cost,
    created_at: entry.created_at,
    file: entry.file,
    format_version: int(entry.format_version),
    model: entry.model,
    mtime: entry.mtime,
    run_id: entry.run_id,
    short_id: shortId(entry.run_id),
    status: entry.status,
    steps: int(entry.steps),
    tags: [...entry.tags],
    unreadable: false
  })
}

function printTable(entries: IndexEntry[], empty: string): void {
  if (entries.length === 0) {
    out(empty)
    return
  }
  const rows = entries.map((entry) =>
    entry.unreadable
      ? ['-', 'corrupt', '-', '-', '-', '-', entry.file]
      : [shortId(entry.run_id), entry.status, entry.model || '-', String(entry.steps), formatCost(entry.cost), entry.tags.join(',') || '-', entry.file]
  )
  const header = ['ID', 'Status', 'Model', 'Steps', 'Cost', 'Tags', 'File']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  for (const row of [header, ...rows]) {
    out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').replace(/[\u0000-\u001f\u007f]/g, '?'))
  }
}

export function registerListing(program: Command): void {
  program
    .command('ls')
    .description('list the runs in .tine_runs/, newest first')
    .option('--tag <tag>', 'only runs with this tag (repeatable: all must match)', collect, [])
    .option('--model <text>', 'only runs whose model contains this text')
    .option('--status <status>', 'only runs with this status')
    .option('--cost-min <usd>', 'only runs costing at least this', parseAmount)
    .option('--cost-max <usd>', 'only runs costing at most this', parseAmount)
    .option('--since <date>', 'created on or after (YYYY-MM-DD[THH:MM:SS], UTC)')
    .option('--until <date>', 'created on or before (YYYY-MM-DD[THH:MM:SS], UTC)')
    .option('--grep <text>', 'only runs whose prompts or steps contain this text (repeatable)', collect, [])
    .option('--limit <n>', 'show at most this many runs (0 = all)', parseLimit, 20)
    .option('--json', 'print one JSON object')
    .action(async (flags: LsFlags) => {
      const query = queryFromFlags(flags)
      const entries = await refreshIndex(runsDirFor(process.cwd()))
      let runs = query ? searchEntries(entries, query) : newestFirst(entries)
      if (flags.limit > 0) runs = runs.slice(0, flags.limit)
      if (flags.json) outJson(obj({ command: 'ls', count: int(runs.length), runs: runs.map(entryJson) }))
      else printTable(runs, entries.length ? 'No runs match.' : 'No runs in .tine_runs/.')
    })

  program
    .command('search')
    .description('search runs: free text plus tag: model: status: cost: after: before: predicates')
    .argument('<query...>', 'query words, e.g. tag:prod "model:gpt" cost:..0.5 timeout')
    .option('--json', 'print one JSON object')
    .action(async (words: string[], flags: { json?: boolean }) => {
      const text = words.join(' ')
      const query = asUsage(() => parseQuery(text))
      const runs = searchEntries(await refreshIndex(runsDirFor(process.cwd())), query)
      if (flags.json) outJson(obj({ command: 'search', count: int(runs.length), query: text, runs: runs.map(entryJson) }))
      else printTable(runs, 'No runs match.')
    })
}
