// `npm start [-- paths...]`: build, then open the app in Electron. Where Electron's binary is
// missing (its download was skipped or failed), or where it cannot start its sandbox (Ubuntu
// 23.10+ restricts unprivileged user namespaces with AppArmor), say so, say how to fix it, and
// serve browser mode instead. The sandbox is never turned off on the user's behalf.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sandboxFailureIn, sandboxHelp } from './sandbox-help.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// npm runs scripts from the package folder; INIT_CWD is where the user typed `npm start`.
const callerCwd = process.env.INIT_CWD || process.cwd()
const verbose = process.argv.includes('--verbose')
const args = absolutePaths(process.argv.slice(2).filter((arg) => arg !== '--verbose'))

// OPENTINE_SKIP_BUILD=1 reuses out/ as it is (tests that built it already).
if (process.env.OPENTINE_SKIP_BUILD !== '1') {
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'src-main', 'scripts', 'build.mjs'), ...(verbose ? ['--verbose'] : [])],
    { cwd: root, stdio: 'inherit' }
  )
  if (build.status !== 0) process.exit(build.status || 1)
}

const electron = electronBinary()
if (electron.path) {
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // would start Electron as plain node
  const ended = await run(electron.path, [root, ...args], env, { watchStderr: true })
  if (!sandboxFailureIn(ended.stderr, ended.signal, ended.code)) process.exit(ended.code ?? (ended.signal ? 1 : 0))
  console.error(sandboxHelp(electron.path))
  console.log('opentine: starting browser mode instead.')
} else {
  console.log(`opentine: Electron's binary is not installed here (${electron.reason}); starting browser mode instead.`)
}
const ended = await run(process.execPath, [path.join(root, 'src-main', 'cli', 'bin.mjs'), 'ui', ...args], process.env, {
  watchStderr: false
})
process.exit(ended.code ?? (ended.signal ? 1 : 0))

/** Path arguments become absolute, so both Electron and `tine ui` see the file the user meant. */
function absolutePaths(list) {
  return list.map((arg, index) =>
    arg.startsWith('-') || list[index - 1] === '--port' ? arg : path.resolve(callerCwd, arg)
  )
}

/** Where the electron package's own entry would point: the same rules, including ELECTRON_OVERRIDE_DIST_PATH. */
function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(dir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!override) {
    if (!existsSync(dir)) return { path: null, reason: 'node_modules/electron is missing' }
    if (!executable) return { path: null, reason: 'node_modules/electron/dist was never downloaded' }
  }
  const binary = override ? path.join(override, executable || 'electron') : path.join(dir, 'dist', executable)
  if (!existsSync(binary)) return { path: null, reason: `${path.relative(root, binary) || binary} is missing` }
  return { path: binary, reason: null }
}

/** Runs a child with the terminal, resolving when it exits; stderr is echoed and kept when watched. */
function run(command, commandArgs, env, { watchStderr }) {
  // The caller's folder, so that with no paths the app opens the ./.tine_runs found there.
  const child = spawn(command, commandArgs, {
    stdio: ['inherit', 'inherit', watchStderr ? 'pipe' : 'inherit'],
    env,
    cwd: callerCwd
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    process.stderr.write(chunk)
    stderr = (stderr + chunk.toString('utf8')).slice(-65_536)
  })
  // Ctrl-C in a terminal reaches the child directly, and we wait for it to close its watchers.
  // A SIGINT sent to us alone is passed on, but late enough not to double a terminal's Ctrl-C
  // (a second SIGINT makes `tine ui` exit at once instead of closing cleanly).
  let exited = false
  const onInt = () => {
    setTimeout(() => {
      if (!exited) child.kill('SIGINT')
    }, 2000).unref()
  }
  const onTerm = () => child.kill('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`opentine: could not start ${path.basename(command)}: ${error.message}`)
      process.exit(1)
    })
    child.on('exit', (code, signal) => {
      exited = true
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      resolve({ code, signal, stderr })
    })
  })
}
