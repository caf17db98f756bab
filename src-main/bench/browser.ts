/**
 * Browser mode driven outside the test runner, for `npm run bench`: Debian's Chromium through
 * Playwright's library API, and `tine ui` in a child process exactly as a user starts it.
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { startBrowserServer, type BrowserServer } from '../../e2e/support/browser-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/paths'

export const BENCH_VIEWPORT = { width: 1400, height: 900 }

/**
 * Uncapped frames: without these flags Chromium paces requestAnimationFrame to a 60 Hz vsync, so a
 * frame could never measure under 16.7 ms however little work it did.
 */
export const UNCAPPED_FRAME_ARGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync']

export function launchBenchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: process.env.HEADED !== '1'
  })
}

export interface BenchServer {
  server: BrowserServer
  /** A fresh page (own context, so no state carries over) with the first folder list on screen. */
  openPage(browser: Browser): Promise<Page>
  stop(): Promise<void>
}

export async function startBenchServer(paths: string[], cacheDir: string): Promise<BenchServer> {
  const server = await startBrowserServer({ paths, cacheDir, timeoutMs: 120_000 })
  return {
    server,
    async openPage(browser) {
      const context = await browser.newContext({ viewport: BENCH_VIEWPORT })
      const page = await context.newPage()
      await page.goto(server.url)
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 120_000 })
      return page
    },
    stop: () => server.stop()
  }
}

/** Wall-clock milliseconds with sub-millisecond precision; comparable between node and the page. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now()
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))
  return sorted[rank]
}
