/**
 * `tine ui` (and `npm start` without Electron): open the folders, serve the app on 127.0.0.1,
 * print the URL, and run until interrupted.
 */
import path from 'node:path'
import { createApiService, defaultOpenPaths, type ApiService } from '../api/service'
import { TOOL_NAME } from '../../src-shared/tine/version'
import { userCacheDir } from './cache-dir'
import { canOpenBrowser, openBrowser } from './open-browser'
import { buildRenderer, RENDERER_DIR, rendererBuilt } from './renderer-build'
import { startBrowserServer, type BrowserServer } from './server'

export interface BrowserModeOptions {
  paths: string[]
  port?: number
  open: boolean
  cwd?: string
  /** Progress and warnings; stdout carries only the serving line. */
  progress?: (line: string) => void
}

export interface RunningBrowserMode {
  server: BrowserServer
  service: ApiService
  /** Closes the server and the folder watchers. */
  close(): Promise<void>
}

export const SERVING_PREFIX = 'opentine: serving '

const VERSION = TOOL_NAME.split('/')[1] ?? '0.0.0'

export async function startBrowserMode(options: BrowserModeOptions): Promise<RunningBrowserMode> {
  const cwd = options.cwd ?? process.cwd()
  const progress = options.progress ?? ((line: string) => process.stderr.write(line + '\n'))
  const service = createApiService({ mode: 'browser', cacheDir: userCacheDir(), version: VERSION })
  let server: BrowserServer | null = null
  try {
    // Listening first: a taken port fails at once, not after a build. Nobody knows the token
    // until the URL is printed, so an early request cannot arrive.
    server = await startBrowserServer({ service, port: options.port, rendererDir: RENDERER_DIR })
    if (!rendererBuilt()) await buildRenderer(progress)
    const given = options.paths.map((p) => path.resolve(cwd, p))
    // Paths typed on the command line are the user's explicit choice, even the root or a system folder.
    if (given.length > 0) await service.openPaths(given, { confirmBroad: true })
    else await service.openPaths(defaultOpenPaths(cwd))
  } catch (error) {
    await server?.close()
    await service.close()
    throw error
  }
  const served = server
  process.stdout.write(`${SERVING_PREFIX}${served.url}\n`)
  if (options.open && canOpenBrowser()) openBrowser(served.url)

  let closing: Promise<void> | null = null
  return {
    server: served,
    service,
    close: () =>
      (closing ??= (async () => {
        await served.close()
        await service.close()
      })())
  }
}

/** Runs until SIGINT/SIGTERM, then closes everything so the process can exit on its own. */
export async function runBrowserModeUntilInterrupted(options: BrowserModeOptions): Promise<void> {
  const running = await startBrowserMode(options)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      // A second Ctrl-C while watchers close still exits at once.
      process.once('SIGINT', () => process.exit(130))
      running.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
