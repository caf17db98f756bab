/**
 * The built renderer in Debian's Chromium the way Electron would load it, without Electron:
 * - every request to the page's origin is answered by the app:// handler main registers
 *   (rendererRequestHandler), so the page gets the same files, MIME types and CSP header, from a
 *   secure origin with no access to file://;
 * - window.tineBridge is the BUILT preload (out/preload/index.cjs), run in Node with a small
 *   'electron' whose ipcRenderer reaches the real IPC wrapper (ipc.ts) over the real API service,
 *   with the sender check main uses (our app:// main frame only).
 * Chromium cannot register a custom scheme for a page, so the page lives on https://opentine.invalid
 * and each request is re-addressed to app://opentine before the handler sees it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import type { Page } from '@playwright/test'
import { createApiService } from '../../src-main/api/service'
import { isAppUrl, RENDERER_URL, rendererRequestHandler } from '../../src-main/electron/app-protocol'
import { registerIpcHandlers } from '../../src-main/electron/ipc'
import { IPC_EVENT_CHANNEL } from '../../src-main/electron/ipc-reply'
import type { PushEvent } from '../../src-shared/api/contract'
import { REPO_ROOT } from './paths'

export const HARNESS_ORIGIN = 'https://opentine.invalid'
const OUT = path.join(REPO_ROOT, 'out')

type Handler = (event: unknown, payload: unknown) => Promise<unknown>
interface Bridge {
  invoke(channel: string, request: unknown): Promise<unknown>
  onEvent(listener: (event: PushEvent) => void): () => void
}

/** Runs the built preload against a minimal 'electron' and returns what it exposed. */
function loadPreload(
  handlers: Map<string, Handler>,
  pushListeners: Set<(event: unknown, pushed: PushEvent) => void>
): { bridge: Bridge; exposed: string[] } {
  const exposed = new Map<string, unknown>()
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      // What Electron tells main about a call from our window's main frame.
      invoke: async (channel: string, payload: unknown) => {
        const handler = handlers.get(channel)
        if (!handler) throw new Error(`No handler registered for '${channel}'`)
        return handler({ sender: {}, senderFrame: { url: RENDERER_URL, parent: null } }, payload)
      },
      on: (channel: string, listener: (event: unknown, pushed: PushEvent) => void) => {
        if (channel === IPC_EVENT_CHANNEL) pushListeners.add(listener)
      },
      removeListener: (_channel: string, listener: (event: unknown, pushed: PushEvent) => void) =>
        pushListeners.delete(listener)
    },
    webUtils: { getPathForFile: () => '' }
  }
  const source = readFileSync(path.join(OUT, 'preload', 'index.cjs'), 'utf8')
  const module = { exports: {} }
  const wrapped = vm.runInThisContext(`(function (exports, require, module) {${source}\n})`) as (
    e: unknown,
    r: (id: string) => unknown,
    m: unknown
  ) => void
  wrapped(
    module.exports,
    (id) => {
      if (id !== 'electron') throw new Error(`the sandboxed preload required ${id}`)
      return electron
    },
    module
  )
  return { bridge: exposed.get('tineBridge') as Bridge, exposed: [...exposed.keys()] }
}

export interface Harness {
  exposed: string[]
  close(): Promise<void>
}

/** Serves the renderer under the scheme's rules, wires the preload bridge to a real service over `folder`, and opens the page. */
export async function openInElectronHarness(page: Page, folder: string, cacheDir: string): Promise<Harness> {
  const service = createApiService({ mode: 'electron', cacheDir, version: 'harness', loadWorkers: 0 })
  await service.openPaths([folder])
  const handlers = new Map<string, Handler>()
  registerIpcHandlers({
    ipcMain: {
      handle: (channel, handler) => void handlers.set(channel, handler as Handler),
      removeHandler: (channel) => void handlers.delete(channel)
    },
    service,
    isTrustedSender: (event) => event.senderFrame?.parent === null && isAppUrl(event.senderFrame.url),
    logError: () => undefined
  })
  const pushListeners = new Set<(event: unknown, pushed: PushEvent) => void>()
  const { bridge, exposed } = loadPreload(handlers, pushListeners)
  service.onEvent((event) => {
    for (const listener of pushListeners) listener({}, event)
  })

  const serve = rendererRequestHandler(path.join(OUT, 'renderer'))
  await page.route(`${HARNESS_ORIGIN}/**`, async (route) => {
    const request = route.request()
    const answer = await serve(
      new Request(request.url().replace(HARNESS_ORIGIN, 'app://opentine'), { method: request.method() })
    )
    await route.fulfill({
      status: answer.status,
      headers: Object.fromEntries(answer.headers),
      body: Buffer.from(await answer.arrayBuffer())
    })
  })
  // contextBridge hands the page plain data and rejects with the preload's plain {error, code} objects.
  await page.exposeFunction('__tineHarnessInvoke', async (channel: string, request: unknown) => {
    try {
      return { ok: true, json: await bridge.invoke(channel, request) }
    } catch (error) {
      return { ok: false, error }
    }
  })
  await page.addInitScript(() => {
    const listeners = new Set<(event: unknown) => void>()
    const host = window as unknown as Record<string, unknown>
    host.__tineHarnessPush = (event: unknown) => listeners.forEach((listener) => listener(event))
    host.tineBridge = {
      async invoke(channel: string, request: unknown) {
        const reply = await (
          host.__tineHarnessInvoke as (
            c: string,
            r: unknown
          ) => Promise<{ ok: boolean; json?: string; error?: unknown }>
        )(channel, request)
        if (reply.ok) return reply.json
        throw reply.error
      },
      onEvent(listener: (event: unknown) => void) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      pathForFile: () => ''
    }
  })
  const unsubscribe = bridge.onEvent((event) => {
    void page
      .evaluate(
        (pushed) => (window as unknown as { __tineHarnessPush?: (e: unknown) => void }).__tineHarnessPush?.(pushed),
        event
      )
      .catch(() => undefined)
  })
  await page.goto(`${HARNESS_ORIGIN}/index.html`)
  return {
    exposed,
    async close() {
      unsubscribe()
      await service.close()
    }
  }
}
