// `npm start [-- paths...]`: build, then open the app in Electron. Where Electron's binary is
// missing (its download was skipped or failed), say so and serve browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// npm runs scripts from the package folder; INIT_CWD is where the user typed `npm start`.
const callerCwd = process.env.INIT_CWD || process.cwd()
const verbose = process.argv.includes('--verbose')
const args = absolutePaths(process.argv.slice(2).filter((arg) => arg !== '--verbose'))

const build = spawnSync(process.execPath, [path.join(root, 'src-main', 'scripts', 'build.mjs'), ...(verbose ? ['--verbose'] : [])], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status || 1)

const electron = electronBinary()
if (electron.path) {
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // would start Electron as plain node
  runToExit(electron.path, [root, ...args], env)
} else {
  console.log(`opentine: Electron's binary is not installed here (${electron.reason}); starting browser mode instead.`)
  runToExit(process.execPath, [path.join(root, 'src-main', 'cli', 'bin.mjs'), 'ui', ...args], process.env)
}

/** Path arguments become absolute, so both Electron and `tine ui` see the file the user meant. */
function absolutePaths(list) {
  return list.map((arg, index) => (arg.startsWith('-') || list[index - 1] === '--port' ? arg : path.resolve(callerCwd, arg)))
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
  // The caller's folder, so that with no paths the app opens the ./.tine_runs found there.
  const child = spawn(command, commandArgs, { stdio: 'inherit', env, cwd: callerCwd })
  // Ctrl-C in a terminal reaches the child directly, and we wait for it to close its watchers.
  // A SIGINT sent to us alone is passed on, but late enough not to double a terminal's Ctrl-C
  // (a second SIGINT makes `tine ui` exit at once instead of closing cleanly).
  let exited = false
  process.on('SIGINT', () => {
    setTimeout(() => {
      if (!exited) child.kill('SIGINT')
    }, 2000).unref()
  })
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('error', (error) => {
    console.error(`opentine: could not start ${path.basename(command)}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    exited = true
    process.exit(code ?? (signal ? 1 : 0))
  })
}
