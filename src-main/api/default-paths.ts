/**
 * What the app opens when it is given nothing: `./.tine_runs` when it exists, else the bundled
 * example runs. The examples are found from this module's location, which works from source
 * (src-main/api/) and from the bundle (out/main/), or from an explicit override.
 */
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface DefaultPathOptions {
  /** Overrides the examples folder (a packaged app passes its resources path). */
  examplesDir?: string
}

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory()
  } catch {
    return false
  }
}

/** resources/examples of the checkout or install: the nearest ancestor folder that has one. */
export function examplesDir(options: DefaultPathOptions = {}): string | null {
  const explicit = options.examplesDir ?? process.env.TINE_EXAMPLES_DIR
  if (explicit) return path.resolve(explicit)
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'resources', 'examples')
    if (isDirectory(candidate) && existsSync(path.join(dir, 'package.json'))) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

export function defaultOpenPaths(cwd: string, options: DefaultPathOptions = {}): string[] {
  const runs = path.join(cwd, '.tine_runs')
  if (isDirectory(runs)) return [runs]
  const examples = examplesDir(options)
  return examples ? [examples] : []
}
