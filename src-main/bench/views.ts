/**
 * The views in Chromium (browser mode): opening the timeline of a big run and its frame times while
 * it scrolls, against a 2-step run; and opening a big run while 1,000 runs are listed, against 40.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launchBenchBrowser, percentile, startBenchServer, UNCAPPED_FRAME_ARGS } from './browser'
import { EXAMPLES_DIR } from '../../e2e/support/paths'
import { serializeRun } from '../../src-shared/run/save'
import { generateLargeRun } from '../examples/generate-large-run'
import { median } from './timing'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import type { BenchContext, BenchResult, BenchSection } from './types'

const TIMELINE_CASES = [2, 15_900, 100_000]
const SCROLL_MS = 3000

function writeRun(folder: string, steps: number, newest = false): string {
  mkdirSync(folder, { recursive: true })
  const run = generateLargeRun({ steps, seed: 1 })
  // The newest run is the list's first row, so it is on screen however many runs are listed.
  if (newest) run.createdAt = Date.now() / 1000
  writeFileSync(path.join(folder, `large-${steps}.tine`), serializeRun(run))
  return run.id
}

async function openGraph(page: Page, runId: string): Promise<number> {
  const started = await page.evaluate(() => performance.now())
  await page.getByTestId(`run-row-${runId}`).click()
  await page.locator('[data-testid="run-graph"][data-graph-ready="true"]').waitFor({ timeout: 240_000 })
  return (await page.evaluate(() => performance.now())) - started
}

/** Click on the Timeline tab to its first bar on screen, measured in the page. */
async function openTimeline(page: Page): Promise<number> {
  await page.evaluate(() => {
    const probe = window as unknown as { __timeline: { clicked: number; shown: number | null } }
    probe.__timeline = { clicked: 0, shown: null }
    document.addEventListener('click', () => (probe.__timeline.clicked = performance.now()), {
      capture: true,
      once: true
    })
    new MutationObserver((_changes, observer) => {
      if (document.querySelector('[data-testid="timeline"] .timeline-bar')) {
        probe.__timeline.shown = performance.now()
        observer.disconnect()
      }
    }).observe(document.body, { subtree: true, childList: true })
  })
  await page.getByTestId('view-timeline').click()
  await page.waitForFunction(
    () => (window as unknown as { __timeline: { shown: number | null } }).__timeline.shown !== null,
    undefined,
    { timeout: 120_000, polling: 20 }
  )
  return page.evaluate(() => {
    const probe = (window as unknown as { __timeline: { clicked: number; shown: number } }).__timeline
    return probe.shown - probe.clicked
  })
}

/** Scrolls the timeline sideways one step per animation frame and returns the frame intervals. */
const SCROLL = `async ({ durationMs }) => {
  const box = document.querySelector('[data-testid="timeline-scroll"]')
  const frames = []
  let last = performance.now()
  const end = last + durationMs
  let direction = 1
  while (performance.now() < end) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const now = performance.now()
    frames.push(now - last)
    last = now
    if (box.scrollLeft + box.clientWidth >= box.scrollWidth - 2) direction = -1
    else if (box.scrollLeft <= 0) direction = 1
    box.scrollLeft += 60 * direction
    box.scrollTop = (box.scrollTop + 7) % Math.max(1, box.scrollHeight - box.clientHeight)
  }
  return frames.slice(2)
}`

export const timelineSection: BenchSection = {
  name: 'timeline',
  description: 'opening the timeline of a big run and scrolling it (browser mode, Chromium, uncapped frames)',
  async run(context: BenchContext): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-timeline-'))
    const browser = await launchBenchBrowser(UNCAPPED_FRAME_ARGS)
    const server = await (async () => {
      const ids = TIMELINE_CASES.map((steps) => writeRun(path.join(scratch, 'runs'), steps))
      return { ids, bench: await startBenchServer([path.join(scratch, 'runs')], path.join(scratch, 'cache')) }
    })()
    try {
      const rows = []
      for (const [at, steps] of TIMELINE_CASES.entries()) {
        const opens: number[] = []
        let frames: number[] = []
        for (let i = 0; i < Math.min(context.repeats, 3); i++) {
          const page = await server.bench.openPage(browser)
          try {
            await openGraph(page, server.ids[at])
            opens.push(await openTimeline(page))
            if (i === 0) frames = (await page.evaluate(`(${SCROLL})({ durationMs: ${SCROLL_MS} })`)) as number[]
          } finally {
            await page.context().close()
          }
        }
        context.log(
          `${steps.toLocaleString('en-US')} steps: timeline shown in ${median(opens).toFixed(0)} ms, scroll p95 ${percentile(frames, 0.95).toFixed(1)} ms`
        )
        rows.push({
          case: `${steps.toLocaleString('en-US')} steps`,
          openMs: median(opens),
          p50: percentile(frames, 0.5),
          p95: percentile(frames, 0.95),
          frames: frames.length
        })
      }
      return {
        title:
          'Timeline: tab click to bars on screen, and frame times while it scrolls (the 2-step run is the baseline)',
        columns: [
          { key: 'case', label: 'run' },
          { key: 'openMs', label: 'click -> bars ms', digits: 0 },
          { key: 'p50', label: 'scroll frame p50 ms' },
          { key: 'p95', label: 'scroll frame p95 ms' },
          { key: 'frames', label: 'frames', digits: 0 }
        ],
        rows,
        notes: [
          `open: median of up to 3 opens, each in a fresh context after the graph is ready; scroll: ${SCROLL_MS / 1000} s, one scroll step (60 px sideways, 7 px down) per animation frame`,
          machineLoadNote()
        ]
      }
    } finally {
      await server.bench.stop()
      await browser.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}

const BIG_RUN_STEPS = 15_900
const LISTED = [40, 1000]

async function openWithListed(
  browser: Browser,
  scratch: string,
  listed: number,
  context: BenchContext
): Promise<number> {
  const folder = path.join(scratch, `listed-${listed}`)
  const runId = writeRun(folder, BIG_RUN_STEPS, true)
  for (let i = 1; i < listed; i++)
    copyFileSync(
      path.join(EXAMPLES_DIR, 'research-agent.tine'),
      path.join(folder, `small-${String(i).padStart(4, '0')}.tine`)
    )
  const bench = await startBenchServer([folder], path.join(scratch, `cache-${listed}`))
  try {
    const samples: number[] = []
    for (let i = 0; i < Math.min(context.repeats, 3) + 1; i++) {
      const page = await bench.openPage(browser)
      try {
        const ms = await openGraph(page, runId)
        // The first open warms the index cache and the load worker.
        if (i > 0) samples.push(ms)
      } finally {
        await page.context().close()
      }
    }
    return median(samples)
  } finally {
    await bench.stop()
  }
}

export const listedSection: BenchSection = {
  name: 'listed',
  description: 'opening a 15,900-step run with 1,000 runs listed against 40 listed (browser mode, Chromium)',
  async run(context: BenchContext): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-listed-'))
    const browser = await launchBenchBrowser()
    try {
      const rows = []
      for (const listed of LISTED) {
        const ms = await openWithListed(browser, scratch, listed, context)
        context.log(`${listed} runs listed: the big run is interactive in ${ms.toFixed(0)} ms`)
        rows.push({ case: `${listed.toLocaleString('en-US')} runs listed`, openMs: ms })
      }
      const [few, many] = rows.map((row) => row.openMs)
      return {
        title: `Opening a ${BIG_RUN_STEPS.toLocaleString('en-US')}-step run while the list holds 1,000 runs, against 40 (the list is virtualised)`,
        columns: [
          { key: 'case', label: 'list' },
          { key: 'openMs', label: 'row click -> graph ready ms', digits: 0 }
        ],
        rows: [...rows, { case: 'ratio 1,000 / 40', openMs: `${(many / few).toFixed(2)}x` }],
        goals: [checkGoal('listed-open', { ms: many, baselineMs: few })],
        notes: ['median of up to 3 opens after one warm-up open, each in a fresh browser context', machineLoadNote()]
      }
    } finally {
      await browser.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
