/** Starts browser mode (`tine ui --no-open <folder>`) as a child process and reads its URL. */
import { spawn, type ChildProcess } from 'node:child_process'
import { CLI_BIN, REPO_ROOT } from './paths'

export interface BrowserServer {
  url: string
  /** Everything the server wrote to stderr, for failure messages. */
  log(): string
  stop(): Promise<void>
}

const SERVING = /^opentine: serving (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)\s*$/m

/** `home` is the user data folder (TINE_HOME), so runs the app records never land in the real one. */
export function startBrowserServer(options: {
  paths: string[]
  cacheDir: string
  home?: string
  timeoutMs?: number
}): Promise<BrowserServer> {
  const child = spawn(process.execPath, [CLI_BIN, 'ui', '--no-open', ...options.paths], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TINE_CACHE_DIR: options.cacheDir,
      NO_COLOR: '1',
      ...(options.home ? { TINE_HOME: options.home } : {})
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`tine ui printed no URL within ${options.timeoutMs ?? 30_000} ms; stderr:\n${stderr}`))
    }, options.timeoutMs ?? 30_000)
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      const match = SERVING.exec(stdout)
      if (!match) return
      clearTimeout(timer)
      resolve({ url: match[1], log: () => stderr, stop: () => stopChild(child) })
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`tine ui exited (${code ?? signal}) before serving; stderr:\n${stderr}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    // SIGTERM lets the server close its watchers; a server stuck closing is killed after 3 s.
    const force = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
