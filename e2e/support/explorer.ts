/**
 * The `explorer` fixture: a fresh temp folder seeded with run files, the app opened on it (browser
 * mode in Chromium, or the built Electron app when its binary exists), and locators the specs share.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  _electron,
  test as base,
  expect,
  type Browser,
  type ElectronApplication,
  type Locator,
  type Page
} from '@playwright/test'
import { startBrowserServer } from './browser-server'
import { BUILT_MAIN, BUILT_RENDERER, electronBinary } from './paths'
import { copyInto, exampleFiles } from './run-files'

export type AppMode = 'browser' | 'electron'

export interface Explorer {
  page: Page
  /** The watched folder, `<scratch>/.tine_runs`, so the CLI run with cwd `scratch` sees the same runs. */
  folder: string
  scratch: string
  file(name: string): string
  row(runId: string): Locator
  /** The row of a file by its name (unreadable files have no run id; copies share one). */
  rowOfFile(name: string): Locator
  /** Every row of the run list. */
  rows(): Locator
  node(stepId: string): Locator
  /**
   * Clicks a step's node, first bringing it on screen through the graph's find box: a run opens at
   * a readable zoom, so a step far from the focused one is not drawn until the view reaches it.
   */
  clickNode(stepId: string, options?: { button?: 'left' | 'right' }): Promise<void>
  graph(): Locator
  stepInspector(): Locator
  /** Clicks the run's row and waits until its graph is laid out. */
  openRun(runId: string): Promise<void>
}

export interface ExplorerOptions {
  appMode: AppMode
  /** Writes the folder's starting files; the default copies every example run. */
  seedFolder: (folder: string) => Promise<void> | void
}

/** The locators and helpers of the explorer page over `folder` (also used by the Electron harness). */
export function makeExplorer(page: Page, scratch: string, folder: string): Explorer {
  const explorer: Explorer = {
    page,
    folder,
    scratch,
    file: (name) => path.join(folder, name),
    row: (runId) => page.getByTestId(`run-row-${runId}`),
    rowOfFile: (name) =>
      page.locator(`[data-testid="run-list"] [data-testid^="run-row-"][data-file$="${path.sep}${name}"]`),
    rows: () => page.locator('[data-testid="run-list"] [data-testid^="run-row-"]'),
    node: (stepId) => page.locator(`.react-flow__node[data-id="${stepId}"]`),
    async clickNode(stepId, options = {}) {
      const node = explorer.node(stepId)
      if (!(await node.isVisible())) {
        const find = page.getByTestId('step-search')
        await find.fill(stepId)
        await find.press('Enter')
        await find.fill('')
        await expect(node).toBeVisible()
        await page.waitForTimeout(300)
      }
      await node.click(options)
    },
    graph: () => page.getByTestId('run-graph'),
    stepInspector: () => page.getByTestId('step-inspector'),
    async openRun(runId) {
      await explorer.row(runId).click()
      await expect(explorer.graph()).toHaveAttribute('data-graph-ready', 'true')
    }
  }
  return explorer
}

async function launchElectron(folder: string, scratch: string): Promise<{ app: ElectronApplication; page: Page }> {
  const binary = electronBinary()
  if (!('path' in binary)) throw new Error(binary.missing)
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [BUILT_MAIN, `--user-data-dir=${path.join(scratch, 'user-data')}`, folder],
    env: {
      ...process.env,
      TINE_CACHE_DIR: path.join(scratch, 'cache'),
      TINE_HOME: path.join(scratch, 'home')
    } as Record<string, string>
  })
  return { app, page: await app.firstWindow() }
}

interface WorkerFixtures {
  /** Chromium, launched on first use only, so the electron project never starts it. */
  lazyBrowser: () => Promise<Browser>
}

export const test = base.extend<ExplorerOptions & { explorer: Explorer }, WorkerFixtures>({
  lazyBrowser: [
    async ({ playwright, launchOptions, headless }, use) => {
      const launched: { browser: Promise<Browser> | null } = { browser: null }
      await use(() => (launched.browser ??= playwright.chromium.launch({ ...launchOptions, headless })))
      if (launched.browser) await (await launched.browser).close()
    },
    { scope: 'worker' }
  ],
  appMode: ['browser', { option: true }],
  seedFolder: [
    async ({}, use) =>
      use((folder: string) => {
        copyInto(folder, exampleFiles())
      }),
    { option: true }
  ],

  explorer: async ({ appMode, seedFolder, lazyBrowser }, use, testInfo) => {
    if (appMode === 'electron') {
      const binary = electronBinary()
      testInfo.skip('missing' in binary, `Electron binary not installed: ${'missing' in binary ? binary.missing : ''}`)
    }
    if (!existsSync(BUILT_RENDERER))
      throw new Error('out/renderer is not built: run `node src-main/scripts/build.mjs` first')
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-e2e-'))
    const folder = path.join(scratch, '.tine_runs')
    mkdirSync(folder)
    await seedFolder(folder)
    try {
      if (appMode === 'electron') {
        const { app, page } = await launchElectron(folder, scratch)
        try {
          await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
          await use(makeExplorer(page, scratch, folder))
          if (testInfo.status !== testInfo.expectedStatus) {
            await page.screenshot({ path: testInfo.outputPath('failure.png') }).catch(() => undefined)
          }
        } finally {
          await app.close()
        }
      } else {
        const server = await startBrowserServer({
          paths: [folder],
          cacheDir: path.join(scratch, 'cache'),
          home: path.join(scratch, 'home')
        })
        const context = await (await lazyBrowser()).newContext({ viewport: { width: 1400, height: 900 } })
        const page = await context.newPage()
        try {
          await page.goto(server.url)
          await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
          await use(makeExplorer(page, scratch, folder))
          if (testInfo.status !== testInfo.expectedStatus) {
            await page.screenshot({ path: testInfo.outputPath('failure.png') }).catch(() => undefined)
          }
        } finally {
          await context.close()
          await server.stop()
          if (testInfo.status !== testInfo.expectedStatus)
            await testInfo.attach('server-stderr', { body: server.log(), contentType: 'text/plain' })
        }
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }
})

export { expect }
