// `npm run build [-- --verbose]`: electron-vite builds out/main, out/preload and out/renderer;
// vite.cli.config.ts builds the `tine` command into out/cli. Quiet by default: only our summary line
// and the build tools' errors; `--verbose` shows their chunk lists and warnings too.
// Works without Electron's binary: electron-vite only needs Electron's major version, which it
// reads from node_modules/electron/package.json, or from ELECTRON_MAJOR_VER when that is absent.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
if (!existsSync(cli)) {
  console.error('opentine: electron-vite is not installed; run `npm install` first.')
  process.exit(1)
}
const env = { ...process.env }
if (!existsSync(path.join(root, 'node_modules', 'electron', 'package.json')) && !env.ELECTRON_MAJOR_VER) {
  env.ELECTRON_MAJOR_VER = '41' // the version package.json pins
}
const verbose = process.argv.includes('--verbose')
const started = Date.now()
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
const quiet = verbose ? [] : ['--logLevel', 'error']
const steps = [
  [cli, 'build', ...quiet],
  [vite, 'build', '--config', path.join(root, 'vite.cli.config.ts'), ...quiet]
]
for (const args of steps) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`opentine: build failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status || 1)
  }
}
const outDir = path.relative(root, path.resolve(root, env.TINE_OUT_DIR ?? 'out'))
console.log(`opentine: built ${outDir}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
