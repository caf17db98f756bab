// `npm start [-- paths...]`: build, then open the app in Electron. Where Electron's binary is
// missing (its download was skipped or failed), say so and serve browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)

const build = spawnSync(process.execPath, [path.join(root, 'src-main', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status || 1)

const electron = electronBinary()
if (electron.path) {
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // would start Electron as plain node
  // Paths are resolved by the app against the caller's folder, so keep the caller's cwd.
  runToExit(electron.path, [root, ...args], env)
} else {
  console.log(`opentine: Electron's binary is not installed here (${electron.reason}); starting browser mode instead.`)
  runToExit(process.execPath, [path.join(root, 'src-main', 'cli', 'bin.mjs'), 'ui', ...args], process.env)
}

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(dir, 'path.txt')
  if (!existsSync(dir)) return { path: null, reason: 'node_modules/electron is missing' }
  if (!existsSync(pathFile)) return { path: null, reason: 'node_modules/electron/dist was never downloaded' }
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, reason: `${path.relative(root, binary)} is missing` }
  return { path: binary, reason: null }
}

function runToExit(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', env })
  // Ctrl-C reaches the child through the terminal; we wait for it to finish closing.
  const ignore = () => undefined
  process.on('SIGINT', ignore)
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('error', (error) => {
    console.error(`opentine: could not start ${path.basename(command)}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
