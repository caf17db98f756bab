/**
 * `tine ls [FOLDER…]` and `tine search QUERY… [FOLDER…]`: runs in folders (default `./.tine_runs`),
 * filtered and newest first (spec §17, §18). Only a `.tine_runs` folder keeps an index.json; other
 * folders (the examples, a colleague's runs) are read without writing into them.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import { TineError } from '../../../src-shared/tine/errors'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { formatCost, shortId } from '../../../src-shared/run/format'
import type { IndexEntry } from '../../../src-shared/run/index-entry'
import { parseQuery, parseQueryDate, searchEntries, type Query } from '../../../src-shared/run/query'
import { normalizeTags } from '../../../src-shared/run/tags'
import { refreshIndex, RUNS_DIR_NAME, runsDirFor } from '../../store/run-index'
import { UsageError, UserError } from '../errors'
import { int } from '../json-views'
import { formatColumns } from '../columns'
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
  if (value.trim() === '' || !Number.isFinite(amount) || amount < 0)
    throw new InvalidArgumentError('expected a non-negative number of USD')
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
  const filtered =
    flags.tag.length ||
    flags.grep.length ||
    flags.model ||
    flags.status ||
    flags.costMin !== undefined ||
    flags.costMax !== undefined ||
    flags.since ||
    flags.until
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
function newestFirst(listed: Listed[]): Listed[] {
  return [...listed].sort(
    ({ entry: x, shown: a }, { entry: y, shown: b }) =>
      Number(x.unreadable) - Number(y.unreadable) || y.created_at - x.created_at || a.localeCompare(b)
  )
}

/** An entry with where it was found: `shown` is the file as the table and --json name it. */
interface Listed {
  entry: IndexEntry
  shown: string
}

/** Folder paths as the user reads them: relative to the working directory when inside it. */
function displayPath(target: string): string {
  const relative = path.relative(process.cwd(), target)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : target
}

async function listFolders(folders: string[]): Promise<Listed[]> {
  const defaultOnly = folders.length === 0
  const targets = defaultOnly ? [runsDirFor(process.cwd())] : folders.map((folder) => path.resolve(folder))
  const listed: Listed[] = []
  for (const target of targets) {
    if (!defaultOnly) requireFolder(target)
    const entries = await refreshIndex(target, { persist: path.basename(target) === RUNS_DIR_NAME })
    // The default folder keeps spec §17's bare file names; named folders print paths people can open.
    for (const entry of entries)
      listed.push({ entry, shown: defaultOnly ? entry.file : path.join(displayPath(target), entry.file) })
  }
  return listed
}

function requireFolder(target: string): void {
  let isFolder: boolean
  try {
    isFolder = statSync(target).isDirectory()
  } catch {
    throw new UserError(`no such folder: ${displayPath(target)}`)
  }
  if (!isFolder) throw new UserError(`not a folder: ${displayPath(target)} (tine show FILE prints one run)`)
}

function filterListed(listed: Listed[], query: Query | null): Listed[] {
  if (!query) return newestFirst(listed)
  const byEntry = new Map(listed.map((item) => [item.entry, item]))
  return searchEntries(
    listed.map((item) => item.entry),
    query
  ).map((entry) => byEntry.get(entry)!)
}

function emptyMessage(folders: string[], anyRuns: boolean): string {
  if (anyRuns) return 'No runs match.'
  if (folders.length) return `No runs in ${folders.join(', ')}.`
  return 'No runs in ./.tine_runs/. Name a folder to list another, e.g. `tine ls resources/examples`.'
}

function entryJson({ entry, shown }: Listed): JsonObject {
  if (entry.unreadable) {
    return obj({
      cost: null,
      created_at: null,
      file: entry.file,
      format_version: null,
      model: null,
      mtime: entry.mtime,
      path: shown,
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
    path: shown,
    run_id: entry.run_id,
    short_id: shortId(entry.run_id),
    status: entry.status,
    steps: int(entry.steps),
    tags: [...entry.tags],
    unreadable: false
  })
}

function printTable(listed: Listed[], empty: string): void {
  if (listed.length === 0) {
    out(empty)
    return
  }
  const rows = listed.map(({ entry, shown }) =>
    entry.unreadable
      ? ['-', 'corrupt', '-', '-', '-', '-', shown]
      : [
          shortId(entry.run_id),
          entry.status,
          entry.model || '-',
          String(entry.steps),
          formatCost(entry.cost),
          entry.tags.join(',') || '-',
          shown
        ]
  )
  const header = ['ID', 'Status', 'Model', 'Steps', 'Cost', 'Tags', 'File']
  for (const line of formatColumns([header, ...rows])) out(line)
}

/** Search words that are paths (hold a `/`, or are `.`/`..`) and name a folder are folders; the rest is the query. */
function splitFolders(words: string[]): { folders: string[]; queryWords: string[] } {
  const folders: string[] = []
  const queryWords: string[] = []
  for (const word of words) {
    const pathLike = word.includes('/') || word.includes(path.sep) || word === '.' || word === '..'
    let isFolder = false
    if (pathLike) {
      try {
        isFolder = statSync(word).isDirectory()
      } catch {
        isFolder = false
      }
    }
    if (isFolder) folders.push(word)
    else queryWords.push(word)
  }
  return { folders, queryWords }
}

export function registerListing(program: Command): void {
  program
    .command('ls')
    .description('list the runs in folders (default ./.tine_runs), newest first')
    .argument('[folders...]', 'folders holding .tine files (default ./.tine_runs)')
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
    .action(async (folders: string[], flags: LsFlags) => {
      const query = queryFromFlags(flags)
      const listed = await listFolders(folders)
      let runs = filterListed(listed, query)
      if (flags.limit > 0) runs = runs.slice(0, flags.limit)
      if (flags.json)
        outJson(
          obj({ command: 'ls', count: int(runs.length), folders: folderList(folders), runs: runs.map(entryJson) })
        )
      else printTable(runs, emptyMessage(folders, listed.length > 0))
    })

  program
    .command('search')
    .description('search runs: free text plus tag: model: status: cost: after: before: predicates')
    .argument(
      '<query...>',
      'query words, e.g. tag:prod "model:gpt" cost:..0.5 timeout; words naming a folder by path (runs/, ./x) choose where to search'
    )
    .option('--json', 'print one JSON object')
    .action(async (words: string[], flags: { json?: boolean }) => {
      const { folders, queryWords } = splitFolders(words)
      const text = queryWords.join(' ')
      const query = asUsage(() => parseQuery(text))
      const listed = await listFolders(folders)
      const runs = filterListed(listed, query)
      if (flags.json)
        outJson(
          obj({
            command: 'search',
            count: int(runs.length),
            folders: folderList(folders),
            query: text,
            runs: runs.map(entryJson)
          })
        )
      else printTable(runs, emptyMessage(folders, listed.length > 0))
    })
}

function folderList(folders: string[]): string[] {
  return folders.length ? folders.map((folder) => displayPath(path.resolve(folder))) : [RUNS_DIR_NAME]
}
