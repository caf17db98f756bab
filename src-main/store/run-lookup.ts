/**
 * Resolves the CLI's RUN argument (spec §17): an existing path; else a `.tine_runs/*.tine` file
 * whose stem starts with RUN; else an index entry whose run_id equals, then starts with, RUN.
 * Unlike opentine, which takes the first stem match in listing order, an ambiguous prefix is
 * refused with its candidates: picking one silently could act on the wrong run.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { listRunFiles, refreshIndex, runsDirFor } from './run-index'

export class RunLookupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RunLookupError'
  }
}

const MAX_LISTED = 8

function listCandidates(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ')
  return names.length > MAX_LISTED ? `${shown}, … (${names.length} in all)` : shown
}

function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes(path.sep)
}

/** The file a RUN argument names, relative to `cwd` when it came from `.tine_runs/`. */
export async function resolveRunArgument(argument: string, cwd = process.cwd()): Promise<string> {
  if (argument === '') throw new RunLookupError('empty run argument')
  const direct = path.resolve(cwd, argument)
  const stat = await fs.stat(direct).catch(() => null)
  if (stat) {
    if (!stat.isFile()) throw new RunLookupError(`not a regular file: ${argument}`)
    return argument
  }
  if (looksLikePath(argument)) throw new RunLookupError(`no such file: ${argument}`)

  const runsDir = runsDirFor(cwd)
  const relative = (name: string) => path.join(path.relative(cwd, runsDir) || '.', name)
  const names = await listRunFiles(runsDir)
  const exact = names.find((name) => name === `${argument}.tine` || name === argument)
  if (exact) return relative(exact)
  const byStem = names.filter((name) => name.startsWith(argument))
  if (byStem.length === 1) return relative(byStem[0])
  if (byStem.length > 1) {
    throw new RunLookupError(
      `ambiguous run '${argument}': matches ${byStem.length} files in .tine_runs/: ${listCandidates(byStem.sort())}`
    )
  }

  const entries = (await refreshIndex(runsDir)).filter((entry) => !entry.unreadable && typeof entry.run_id === 'string')
  const equal = entries.filter((entry) => entry.run_id === argument)
  if (equal.length === 1) return relative(equal[0].file)
  const byId = equal.length ? equal : entries.filter((entry) => entry.run_id.startsWith(argument))
  if (byId.length === 1) return relative(byId[0].file)
  if (byId.length > 1) {
    throw new RunLookupError(
      `ambiguous run '${argument}': matches ${byId.length} runs: ${listCandidates(byId.map((entry) => `${entry.run_id.slice(0, 12)} (${entry.file})`))}`
    )
  }
  const known = names.map((name) => name.slice(0, -'.tine'.length)).sort()
  const hint = known.length
    ? `; runs in .tine_runs/: ${listCandidates(known)}`
    : ' (no such file, and no runs in .tine_runs/)'
  throw new RunLookupError(`unknown run '${argument}'${hint}`)
}
