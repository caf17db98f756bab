/**
 * Test-side checks of what the issue-4 actions wrote: run files read back through our core (in a
 * child process), the independent Python oracle, the CLI's own JSON, and the ancestor closure
 * computed here from the parent and causal links (not by the code under test).
 */
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { CLI_BIN, REPO_ROOT, TSX_BIN } from './paths'

const run = promisify(execFile)

export const ORACLE = path.resolve(REPO_ROOT, '../shared/tools/tine_ref.py')

export interface InspectedStep {
  id: string
  kind: string
  parentIds: string[]
  causalIds: string[]
}

export interface InspectedRun {
  file: string
  runId: string
  status: string
  refs: Record<string, string>
  order: string[]
  steps: InspectedStep[]
  integrityOk: boolean | null
  forkedFrom: string | null
  forkPoint: string | null
  fork: Record<string, unknown> | null
}

export async function inspectRuns(files: string[]): Promise<InspectedRun[]> {
  const tool = path.join(REPO_ROOT, 'e2e', 'support', 'actions-tool.ts')
  const { stdout } = await run(TSX_BIN, [tool, 'inspect', ...files], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' }
  })
  return JSON.parse(stdout) as InspectedRun[]
}

export async function inspectRun(file: string): Promise<InspectedRun> {
  return (await inspectRuns([file]))[0]
}

/** `python3 tine_ref.py FILE`: exit code and its one-line verdict. */
export async function oracle(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('python3', [ORACLE, file])
    return { code: 0, output: (stdout + stderr).trim() }
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof failure.code === 'number' ? failure.code : -1,
      output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim()
    }
  }
}

/** `tine <args> --json` run the way a user runs it, parsed. */
export async function cliJson<T>(cwd: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [CLI_BIN, ...args, '--json'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' }
  })
  return JSON.parse(stdout) as T
}

export function tineFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.tine'))
    .sort()
    .map((name) => path.join(folder, name))
}

/**
 * The steps a fork at `point` must hold (spec 9.4): the point and everything it descends from
 * through parent_ids and causal_ids, in the source's order.
 */
export function closureOf(source: InspectedRun, point: string): string[] {
  const byId = new Map(source.steps.map((step) => [step.id, step]))
  const kept = new Set<string>()
  const pending = [point]
  while (pending.length > 0) {
    const id = pending.pop()!
    const step = byId.get(id)
    if (!step || kept.has(id)) continue
    kept.add(id)
    pending.push(...step.parentIds, ...step.causalIds)
  }
  return source.order.filter((id) => kept.has(id))
}
