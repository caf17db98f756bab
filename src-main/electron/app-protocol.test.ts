import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAppUrl, RENDERER_URL, rendererRequestHandler } from './app-protocol'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-scheme-'))
  await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html>')
  await writeFile(path.join(dir, 'renderer', 'assets', 'layout.worker-1.js'), 'self.onmessage = () => {}')
  await writeFile(path.join(dir, 'secret.txt'), 'not served')
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('the sender check', () => {
  it('accepts our page whatever case Windows gave the install drive, because no path is compared', () => {
    // What broke under file://: Chromium reports C:, the app was started from c:, and the two strings differ.
    const startedFrom = 'c:\\Users\\me\\opentine\\out\\renderer\\index.html'
    const chromiumSays = 'file:///C:/Users/me/opentine/out/renderer/index.html'
    expect(fileURLToPath(chromiumSays, { windows: true })).not.toBe(path.win32.resolve(startedFrom))
    expect(isAppUrl(RENDERER_URL)).toBe(true)
    expect(isAppUrl('app://opentine/assets/index-abc.js')).toBe(true)
    expect(isAppUrl(chromiumSays)).toBe(false)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('app://user@opentine/index.html')).toBe(false)
    expect(isAppUrl('https://opentine/index.html')).toBe(false)
  })
})

describe('the app:// handler', () => {
  it('serves the renderer folder with JavaScript MIME types for the worker, and nothing outside it', async () => {
    const serve = rendererRequestHandler(path.join(dir, 'renderer'))
    const page = await serve(new Request('app://opentine/'))
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('<!doctype html>')
    const worker = await serve(new Request('app://opentine/assets/layout.worker-1.js'))
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(worker.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await serve(new Request('app://opentine/../secret.txt'))).status).toBe(404)
    expect((await serve(new Request('app://opentine/%2e%2e/secret.txt'))).status).toBe(404)
    expect((await serve(new Request('app://opentine/a%5c..%5csecret.txt'))).status).toBe(400)
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404)
    expect((await serve(new Request('app://opentine/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})
