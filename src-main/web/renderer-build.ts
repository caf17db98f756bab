/** Where the built renderer lives, and building it on first use so `tine ui` works from a fresh checkout. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { LaunchError } from './launch-error'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer')
const BUILD_SCRIPT = path.join(REPO_ROOT, 'src-main', 'scripts', 'build.mjs')

export function rendererBuilt(rendererDir = RENDERER_DIR): boolean {
  return existsSync(path.join(rendererDir, 'index.html'))
}

/**
 * Runs the project build with its output on stderr: stdout belongs to the one "serving" line
 * that scripts and the e2e tests read.
 */
export function buildRenderer(progress: (line: string) => void): Promise<void> {
  progress('opentine: building the app (first run, takes a few seconds)...')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const tail: string[] = []
    const keep = (chunk: Buffer): void => {
      tail.push(chunk.toString('utf8'))
      if (tail.length > 40) tail.shift()
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else {
        process.stderr.write(tail.join(''))
        reject(new LaunchError(`the build failed (exit ${code}); run \`npm run build\` to see why`))
      }
    })
  })
}
