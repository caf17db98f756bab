/** RunViews of real .tine files, built by the same shared code the main side uses. */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { buildRunView } from '../../src-shared/api/run-view'
import type { RunView } from '../../src-shared/api/types'
import { loadRunFromBytes } from '../../src-shared/run/load'
import type { Run } from '../../src-shared/run/run'
import { FIXTURES_DIR, REPO_ROOT } from '../../src-main/testing/paths'

export const GUI_RUNS = path.join(FIXTURES_DIR, 'gui/.tine_runs')
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'resources/examples')

export function loadRun(file: string): Run {
  return loadRunFromBytes(readFileSync(file))
}

export function viewOfRun(run: Run, file: string): RunView {
  const stat = statSync(file, { throwIfNoEntry: false })
  return buildRunView(run, { file, mtimeMs: stat?.mtimeMs ?? 0, size: stat?.size ?? 0 })
}

export function loadView(file: string): RunView {
  return viewOfRun(loadRun(file), file)
}
