// `npm run dist [-- electron-builder arguments]`: builds out/, then packages it with electron-builder
// (AppImage + deb on Linux, dmg on macOS, nsis on Windows, as package.json "build" says). Extra
// arguments pass through, e.g. `npm run dist -- --linux dir -c.electronDist=FOLDER` packages against
// a local Electron folder on a machine that cannot download Electron. Nothing is ever published.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js')
if (!existsSync(builder)) {
  console.error('opentine: electron-builder is not installed; run `npm install` first.')
  process.exit(1)
}
if (process.env.OPENTINE_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [path.join(root, 'src-main', 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit'
  })
  if (build.status !== 0) process.exit(build.status || 1)
}
const args = process.argv.slice(2)
const result = spawnSync(process.execPath, [builder, '--publish', 'never', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: process.env
})
if (result.status !== 0) console.error(`opentine: packaging failed (exit ${result.status ?? result.signal}).`)
process.exit(result.status ?? 1)
