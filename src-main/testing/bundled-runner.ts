/**
 * The agent runner as the app ships it: runner-main.ts bundled into one ES module, as electron-vite
 * builds out/main/runner-main.js, from the current sources. A runner started from the bundle is a real
 * child process running the same code, but it skips compiling the runner's TypeScript through tsx at
 * every start, which is most of a start (about 1.5 of 2.3 s on a loaded two-core machine). The tsx start
 * itself (runner-boot.mjs) stays covered by src-main/agents/runner/runner.test.ts and cli-run.test.ts.
 *
 * Bundles are kept in node_modules/.cache/tine-test-bundles/, keyed by every source file's path, size and
 * mtime, so test files and workers share one build until a source changes. They sit inside the checkout so
 * that their imports of packages resolve from node_modules.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { build } from 'vite'
import { forkNodeRunner, startRunner } from '../agents/runner/controller'
import type { StartRunner } from '../agents/runner/run-manager'
import { REPO_ROOT, walkFiles } from '../../e2e/kit/paths'

const CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'tine-test-bundles')
const SOURCE_DIRS = ['src-main', 'src-shared'].map((dir) => path.join(REPO_ROOT, dir))

function sourcesKey(entry: string): string {
  const hash = createHash('sha256').update(entry)
  for (const dir of SOURCE_DIRS) {
    for (const suffix of ['.ts', '.mjs', '.json']) {
      for (const file of walkFiles(dir, suffix)) {
        const stat = statSync(file)
        hash.update(`${path.relative(REPO_ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`)
      }
    }
  }
  return hash.digest('hex').slice(0, 16)
}

const built = new Map<string, Promise<string>>()

/** The bundle of one source file (path relative to the repository), built at most once per set of sources. */
export function bundled(entry: string): Promise<string> {
  let file = built.get(entry)
  if (!file) {
    file = bundle(entry)
    built.set(entry, file)
  }
  return file
}

async function bundle(entry: string): Promise<string> {
  const name = `${path.basename(entry, path.extname(entry))}.mjs`
  const dir = path.join(CACHE, sourcesKey(entry))
  const output = path.join(dir, name)
  if (existsSync(output)) return output
  // Built beside, then renamed into place: a concurrent test file either finds the whole bundle or builds its own.
  const scratch = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`
  mkdirSync(CACHE, { recursive: true })
  await build({
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: 'silent',
    root: REPO_ROOT,
    build: {
      ssr: path.join(REPO_ROOT, entry),
      outDir: scratch,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: name } }
    }
  })
  try {
    renameSync(scratch, dir)
  } catch {
    // Another test file finished the same bundle first.
    rmSync(scratch, { recursive: true, force: true })
  }
  removeStaleBundles()
  return output
}

/** Bundles of sources that changed more than an hour ago are not coming back. */
function removeStaleBundles(): void {
  const cutoff = Date.now() - 3_600_000
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name)
    if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true })
  }
}

/** Starts runners from the bundled runner-main.ts, as child processes of this one. */
export async function bundledRunnerStarter(): Promise<StartRunner> {
  const entry = await bundled('src-main/agents/runner/runner-main.ts')
  return (options, launch) => startRunner(options, launch, (_entry, spawnLaunch) => forkNodeRunner(entry, spawnLaunch))
}
