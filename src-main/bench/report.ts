/** Printing section results as aligned tables, and keeping them in .bench/results.json. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchResult, BenchValue, GoalResult } from './types'

/** A table cell: text as it is, a number with `digits` after the point ('auto': fewer for larger numbers). */
export function formatCell(value: BenchValue | undefined, digits: number | 'auto' = 1): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  const fraction = digits !== 'auto' ? digits : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 3
  return value.toLocaleString('en-US', { minimumFractionDigits: fraction, maximumFractionDigits: fraction })
}

export function formatTable(result: BenchResult): string {
  const header = result.columns.map((column) => column.label)
  const body = result.rows.map((row) => result.columns.map((column) => formatCell(row[column.key], column.digits)))
  const widths = header.map((label, index) => Math.max(label.length, ...body.map((line) => line[index].length)))
  // The first column is a label (left-aligned), as are text columns; the rest are numbers (right-aligned).
  const left = result.columns.map((column, index) => index === 0 || column.text === true)
  const line = (cells: string[]) =>
    cells.map((text, index) => (left[index] ? text.padEnd(widths[index]) : text.padStart(widths[index]))).join('  ')
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  const lines = [result.title, '', line(header), rule, ...body.map(line)]
  if (result.notes?.length) lines.push('', ...result.notes.map((note) => `  ${note}`))
  return lines.join('\n')
}

export interface ResultsFile {
  updatedAt: string
  environment: Record<string, string | number>
  sections: Record<
    string,
    {
      measuredAt: string
      /** The 1-minute load average when the section ended (absent in files written before it was kept). */
      loadAverage?: number
      title: string
      columns?: BenchResult['columns']
      rows: BenchResult['rows']
      notes: string[]
      goals: GoalResult[]
    }
  >
}

/** Timings swing with whatever else the machine runs; each table says how busy it was. */
export function machineLoadNote(): string {
  const [oneMinute] = os.loadavg()
  return `machine: ${os.cpus().length} cores, 1-minute load average ${oneMinute.toFixed(1)} when the section ended (other processes slow every figure here, the floors included)`
}

export function environment(): Record<string, string | number> {
  const cpus = os.cpus()
  return {
    loadAverage: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024)
  }
}

/** Merges the sections just measured into the results file, keeping the others. */
export function writeResults(
  file: string,
  results: Record<string, BenchResult>,
  loadAverages: Record<string, number>
): void {
  let existing: ResultsFile | undefined
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile
    } catch {
      existing = undefined
    }
  }
  const now = new Date().toISOString()
  const out: ResultsFile = { updatedAt: now, environment: environment(), sections: { ...(existing?.sections ?? {}) } }
  for (const [name, result] of Object.entries(results)) {
    out.sections[name] = {
      measuredAt: now,
      loadAverage: loadAverages[name],
      title: result.title,
      columns: result.columns,
      rows: result.rows,
      notes: result.notes ?? [],
      goals: result.goals ?? []
    }
  }
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n')
}
