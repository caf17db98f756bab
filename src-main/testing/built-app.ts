/**
 * The real `electron-vite build`, at most once per test run: out/ is reused when it is newer than
 * every source file, and concurrent test files wait for one build instead of starting their own.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT, walkFiles } from '../../e2e/kit/paths'

export const OUT_DIR = path.join(REPO_ROOT, 'out')
export const BUILT = {
  main: path.join(OUT_DIR, 'main', 'index.js'),
  loadWorker: path.join(OUT_DIR, 'main', 'load-worker.js'),
  preload: path.join(OUT_DIR, 'preload', 'index.cjs'),
  rendererHtml: path.join(OUT_DIR, 'renderer', 'index.html')
}

const SOURCE_DIRS = ['src-main', 'src-renderer', 'src-shared'].map((dir) => path.join(REPO_ROOT, dir))
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json', 'tsconfig.json'].map((file) =>
  path.join(REPO_ROOT, file)
)
// Outside the checkout, so a crashed run leaves nothing in the repository.
const LOCK = path.join(
  os.tmpdir(),
  `opentine-build-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`
)

function newestSourceMtime(): number {
  let newest = 0
  for (const dir of SOURCE_DIRS) {
    for (const suffix of ['.ts', '.tsx', '.css', '.html', '.mjs', '.json', '.svg']) {
      for (const file of walkFiles(dir, suffix)) newest = Math.max(newest, statSync(file).mtimeMs)
    }
  }
  for (const file of SOURCE_FILES) if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs)
  return newest
}

function builtIsFresh(): boolean {
  const outputs = Object.values(BUILT)
  if (!outputs.every((file) => existsSync(file))) return false
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  return oldestOutput > newestSourceMtime()
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

export function ensureBuiltApp(): void {
  if (builtIsFresh()) return
  withBuildLock(() => {
    if (builtIsFresh()) return
    const result = runBuild()
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`)
  })
}

/** Runs build.mjs as `npm run build` does, with the given extra arguments. */
export function runBuild(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {}
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'src-main', 'scripts', 'build.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, NO_COLOR: '1', ...env }
  })
}

/** One build at a time across test files; `work` runs while holding the lock. */
export function withBuildLock<T>(work: () => T): T {
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // Another test file is building; a lock older than five minutes is a crashed build.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000)
        rmSync(LOCK, { recursive: true, force: true })
      sleep(200)
    }
  }
  try {
    return work()
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}
