/**
 * The README's performance tables, written from .bench/results.json (`npm run bench -- --readme`):
 * every goal of issue 13 with its verdict, then each section's own table, each saying when it was
 * measured and how busy the machine was. They replace what lies between the two markers.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { GOALS, targetOf } from './goals'
import { formatCell, type ResultsFile } from './report'
import type { BenchColumn, BenchValue } from './types'

export const README_START = '<!-- bench:tables:start (npm run bench -- --readme writes this part) -->'
export const README_END = '<!-- bench:tables:end -->'

/** A cell of a markdown table: a `|` in text would end the cell. */
function cell(value: BenchValue | undefined, digits: BenchColumn['digits'] = 1): string {
  return formatCell(value, digits).replaceAll('|', '\\|')
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)
  ]
}

/** "2026-12-03, load average 0.4": when a section ran and how busy the machine was. */
function measuredOn(section: ResultsFile['sections'][string]): string {
  const day = section.measuredAt.slice(0, 10)
  return section.loadAverage === undefined ? day : `${day}, load average ${section.loadAverage.toFixed(1)}`
}

export function performanceMarkdown(results: ResultsFile): string {
  const goalRows = GOALS.map((goal) => {
    const section = results.sections[goal.section]
    const measured = section?.goals.find((entry) => entry.id === goal.id)
    const target = targetOf(goal)
    if (!section || !measured) return [goal.goal, target, 'not measured', goal.baseline, '', '', '']
    return [
      goal.goal,
      target,
      `${cell(measured.ms, 'auto')} ms`,
      `${goal.baseline}: ${cell(measured.baselineMs, 'auto')} ms`,
      `${cell(measured.ratio, 2)}x`,
      `**${measured.verdict}**`,
      measuredOn(section)
    ]
  })
  const lines = [
    '### Goals',
    '',
    ...table(['goal', 'target', 'measured', 'baseline in the same run', 'x baseline', 'verdict', 'measured'], goalRows)
  ]
  for (const [name, section] of Object.entries(results.sections)) {
    if (!section.columns) continue
    lines.push('', `### ${section.title}`, '', `\`--only ${name}\`, ${measuredOn(section)}.`, '')
    const columns = section.columns
    lines.push(
      ...table(
        columns.map((column) => column.label),
        section.rows.map((row) => columns.map((column) => cell(row[column.key], column.digits)))
      )
    )
    const notes = section.notes.filter((note) => !note.startsWith('machine:'))
    if (notes.length) lines.push('', ...notes.map((note) => `- ${note}`))
  }
  return lines.join('\n')
}

/** The README with its generated part replaced; throws when the markers are missing. */
export function withPerformanceTables(readme: string, markdown: string): string {
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start < 0 || end < start) throw new Error(`the README has no "${README_START}" ... "${README_END}" part`)
  return readme.slice(0, start + README_START.length) + '\n\n' + markdown + '\n\n' + readme.slice(end)
}

/** Rewrites the README's generated part, formatted as the format check (Prettier) wants it. */
export async function writeReadmeTables(readmeFile: string, resultsFile: string): Promise<void> {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultsFile
  const text = withPerformanceTables(readFileSync(readmeFile, 'utf8'), performanceMarkdown(results))
  const config = (await prettier.resolveConfig(readmeFile)) ?? {}
  writeFileSync(readmeFile, await prettier.format(text, { ...config, filepath: readmeFile }))
}
