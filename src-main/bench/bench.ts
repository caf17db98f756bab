/**
 * `npm run bench`: runs the benchmark sections (sections.ts), prints one table per
 * section, then every goal of issue 13 (goals.ts) with its verdict, and merges the numbers into
 * .bench/results.json for the README.
 *
 *   npm run bench                       every section
 *   npm run bench -- --only load        one section (repeatable, or comma-separated)
 *   npm run bench -- --readme           also rewrite the README's performance tables from the results
 *   npm run bench -- --list             section names
 *
 * It builds the app first (npm run build), so every section measures the code users run: the
 * compiled CLI and browser-mode server, the bundled load worker and the built renderer, never a
 * stale build or the tsx fallback a stale build falls back to.
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError } from 'commander'
import { goalsTable } from './goals'
import { writeReadmeTables } from './readme-table'
import { formatTable, machineLoadNote, writeResults } from './report'
import { SECTIONS } from './sections'
import type { BenchResult, GoalResult } from './types'
import { messageOf } from '../../src-shared/tine/errors'
import { currentCompiledEntry } from '../cli/compiled-entry.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function buildApp(): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'src-main/scripts/build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit'
  })
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`)
  if (!currentCompiledEntry(ROOT)) throw new Error('npm run build left out/cli older than its sources')
}

interface Options {
  only: string[]
  repeats: number
  warmup: number
  out: string
  readme?: boolean
  readmeOnly?: boolean
  list?: boolean
}

function wholeNumber(minimum: number) {
  return (value: string): number => {
    const number = Number(value)
    if (!Number.isInteger(number) || number < minimum)
      throw new InvalidArgumentError(`expected a whole number >= ${minimum}, got ${value}`)
    return number
  }
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('bench')
    .description('Benchmarks of the .tine core and the explorer')
    .option(
      '--only <names>',
      'run only these sections (comma-separated, repeatable)',
      (value, previous: string[]) => [...previous, ...value.split(',').filter(Boolean)],
      []
    )
    .option('--repeats <n>', 'timed repetitions per measurement (median reported)', wholeNumber(1), 5)
    .option('--warmup <n>', 'untimed warm-up runs per measurement', wholeNumber(0), 1)
    .option('--out <file>', 'results file', path.join(ROOT, '.bench', 'results.json'))
    .option('--readme', "rewrite the README's performance tables from the results file afterwards")
    .option('--readme-only', "rewrite the README's performance tables from the results file, measuring nothing")
    .option('--list', 'list the sections and exit')
    .parse(argv)
  const options = program.opts<Options>()
  if (options.list) {
    for (const section of SECTIONS) console.log(`${section.name.padEnd(10)} ${section.description}`)
    return 0
  }
  if (options.readmeOnly) {
    await writeReadmeTables(path.join(ROOT, 'README.md'), options.out)
    console.log(`README.md performance tables rewritten from ${path.relative(process.cwd(), options.out)}`)
    return 0
  }
  const unknown = options.only.filter((name) => !SECTIONS.some((section) => section.name === name))
  if (unknown.length) {
    console.error(
      `unknown section: ${unknown.join(', ')} (known: ${SECTIONS.map((section) => section.name).join(', ')})`
    )
    return 2
  }
  buildApp()
  const chosen = options.only.length ? SECTIONS.filter((section) => options.only.includes(section.name)) : SECTIONS
  const results: Record<string, BenchResult> = {}
  const loadAverages: Record<string, number> = {}
  for (const section of chosen) {
    console.log(`\n== ${section.name}: ${section.description}`)
    const result = await section.run({
      repeats: options.repeats,
      warmup: options.warmup,
      log: (message) => console.log(`   ${message}`)
    })
    results[section.name] = result
    loadAverages[section.name] = os.loadavg()[0]
    console.log('\n' + formatTable(result))
  }
  const measured: GoalResult[] = Object.values(results).flatMap((result) => result.goals ?? [])
  console.log('\n' + formatTable(goalsTable(measured, Object.keys(results), machineLoadNote())))
  writeResults(options.out, results, loadAverages)
  console.log(`\nresults written to ${path.relative(process.cwd(), options.out) || options.out}`)
  if (options.readme) {
    await writeReadmeTables(path.join(ROOT, 'README.md'), options.out)
    console.log('README.md performance tables rewritten from it')
  }
  return 0
}

main(process.argv).then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`bench: ${messageOf(error)}`)
    process.exit(1)
  }
)
