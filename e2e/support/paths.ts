/** Where the e2e tests find the repository, the opentine fixtures and the app's entry points. */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { EXAMPLES_DIR, FIXTURES_DIR, REPO_ROOT } from '../kit/paths'

export { EXAMPLES_DIR, FIXTURES_DIR, REPO_ROOT }
export const CLI_BIN = path.join(REPO_ROOT, 'src-main', 'cli', 'bin.mjs')
export const TSX_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
export const BUILT_MAIN = path.join(REPO_ROOT, 'out', 'main', 'index.js')
export const BUILT_RENDERER = path.join(REPO_ROOT, 'out', 'renderer', 'index.html')
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots')
export const ARTIFACT_SCREENSHOT_DIR = path.join(REPO_ROOT, '.ci', 'artifacts', 'screenshots')

/** Chromium from Debian's package; Playwright's own download cannot be fetched here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage'
]

/**
 * The Electron binary, or why there is none. The npm package only carries the binary when its
 * download ran (dist/ plus path.txt naming the executable inside it).
 */
export function electronBinary(): { path: string } | { missing: string } {
  const packageDir = path.join(REPO_ROOT, 'node_modules', 'electron')
  const pathFile = path.join(packageDir, 'path.txt')
  if (!existsSync(packageDir)) return { missing: 'node_modules/electron is absent' }
  if (!existsSync(pathFile)) return { missing: 'node_modules/electron/path.txt is absent (the download was skipped)' }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { missing: `${path.relative(REPO_ROOT, binary)} does not exist` }
  return { path: binary }
}
