/** Test-side access to run files: copying fixtures, and the core (through tine-tool.ts in a child process). */
import { execFile } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { CLI_BIN, EXAMPLES_DIR, REPO_ROOT, TSX_BIN } from './paths'

const run = promisify(execFile)

export interface RunInfo {
  runId: string
  status: string
  steps: Array<{ id: string; kind: string; parentIds: string[]; inputs: Record<string, unknown> }>
}

async function tineTool<T>(...args: string[]): Promise<T> {
  const tool = path.join(REPO_ROOT, 'e2e', 'support', 'tine-tool.ts')
  const { stdout } = await run(TSX_BIN, [tool, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } })
  return JSON.parse(stdout) as T
}

/** Reads runs with our loader (ids, steps, inputs), one child process for all of them. */
export function runInfos(files: string[]): Promise<RunInfo[]> {
  return tineTool<RunInfo[]>('info', ...files)
}

export async function runInfo(file: string): Promise<RunInfo> {
  return (await runInfos([file]))[0]
}

/** Appends one think step to the main ref and saves the file in place, as an agent's autosave does. */
export function appendStep(file: string, text: string): Promise<{ runId: string; stepId: string; steps: number }> {
  return tineTool('append', file, text)
}

/** Re-saves the run with another status (a run still running, for Pause), with a valid digest. */
export function setRunStatus(file: string, status: string): Promise<{ runId: string; status: string }> {
  return tineTool('status', file, status)
}

/** Writes a run whose texts carry `<img onerror>` and `<script>` markup. */
export function writeHostileRun(
  file: string
): Promise<{ runId: string; stepIds: { think: string; tool: string; done: string } }> {
  return tineTool('hostile', file)
}

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.tine'))
    .sort()
    .map((name) => path.join(EXAMPLES_DIR, name))
}

export function copyInto(folder: string, files: string[]): string[] {
  return files.map((file) => {
    const target = path.join(folder, path.basename(file))
    copyFileSync(file, target)
    return target
  })
}

/** The run id stored in a file's metadata, read without our core (the file is plain JSON). */
export function storedRunId(file: string): string {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { run_id?: string; metadata?: { run_id?: string } }
  const id = document.run_id ?? document.metadata?.run_id
  if (!id) throw new Error(`${file} has no run_id`)
  return id
}

/**
 * What `tine search` (the CLI's own path through the query grammar) finds in `<cwd>/.tine_runs`:
 * the matching run ids, or the one-line reason a malformed query is refused.
 */
export async function cliSearch(cwd: string, query: string): Promise<{ runIds: string[] } | { error: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI_BIN, 'search', '--json', '--', query], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' }
    })
    const result = JSON.parse(stdout) as { runs: Array<{ run_id: string }> }
    return { runIds: result.runs.map((entry) => entry.run_id).sort() }
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    if (!stderr.startsWith('tine: ')) throw error
    return { error: stderr.slice('tine: '.length) }
  }
}
