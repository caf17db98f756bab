/**
 * e2e: the same specs in two projects. "browser" drives Debian's Chromium against browser mode
 * (`tine ui`, started by each spec's fixture, so no webServer here). "electron" drives the built app
 * through _electron.launch and skips every test, with the reason, when Electron's binary is absent.
 * Build out/ first: `node src-main/scripts/build.mjs` (npm test does).
 */
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/paths'
import type { ExplorerOptions } from './e2e/support/explorer'

export default defineConfig<Pick<ExplorerOptions, 'appMode'>>({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: process.env.HEADED !== '1',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
  },
  projects: [
    { name: 'browser', use: { appMode: 'browser' } },
    { name: 'electron', use: { appMode: 'electron' } }
  ]
})
