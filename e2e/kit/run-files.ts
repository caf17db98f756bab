/**
 * Real .tine files for the tests of every layer: the example and fixture folders, and runs read
 * and written with the core's own loader and writer (synchronously, so a setup callback can use them).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildRunView } from '../../src-shared/api/run-view'
import type { RunView } from '../../src-shared/api/types'
import { loadRunFromBytes } from '../../src-shared/run/load'
import type { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { EXAMPLES_DIR, FIXTURES_DIR } from './paths'

export { EXAMPLES_DIR }
export const GUI_RUNS = path.join(FIXTURES_DIR, 'gui/.tine_runs')

export function loadRun(file: string): Run {
  return loadRunFromBytes(readFileSync(file))
}

export function writeRun(file: string, run: Run, options: { draft?: boolean } = {}): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, serializeRun(run, options))
}

/** A copy whose first step's text was edited by hand while the recorded digest stayed: integrity mismatch. */
export function writeTampered(source: string, target: string): void {
  const raw = JSON.parse(readFileSync(source, 'utf8'))
  const first = raw.graph.order[0]
  raw.graph.steps[first].inputs = { ...raw.graph.steps[first].inputs, text: 'edited by hand' }
  writeFileSync(target, JSON.stringify(raw, null, 2))
}

/** The RunView the main side would build for `run` read from `file`. */
export function viewOfRun(run: Run, file: string): RunView {
  const stat = statSync(file, { throwIfNoEntry: false })
  return buildRunView(run, { file, mtimeMs: stat?.mtimeMs ?? 0, size: stat?.size ?? 0 })
}

export function loadView(file: string): RunView {
  return viewOfRun(loadRun(file), file)
}
