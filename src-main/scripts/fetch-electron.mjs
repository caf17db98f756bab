// Fetches Electron's binary where the network allows it, and never fails the install.
// Why: electron's own postinstall is disabled in package.json ("allowScripts") so that
// `npm ci` succeeds on machines that cannot reach Electron's download host. On a normal
// machine this script runs the same installer, so `npm install` still fetches Electron.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
let installer
try {
  installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js')
} catch {
  process.exit(0) // production install without devDependencies: nothing to fetch
}
if (!existsSync(installer) || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('opentine: ELECTRON_SKIP_BINARY_DOWNLOAD is set; `npm start` will use browser mode.')
  }
  process.exit(0)
}
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 })
if (result.status === 0) {
  console.log('opentine: Electron binary installed.')
} else {
  const reason =
    String(result.stderr ?? '')
      .split('\n')
      .find((line) => /Error/.test(line)) ?? 'download failed'
  console.log(`opentine: Electron's binary could not be downloaded (${reason.trim()}).`)
  console.log('opentine: the CLI and browser mode work; `npm start` will fall back to browser mode.')
}
