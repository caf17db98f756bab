/**
 * Listing a folder of 1,000 runs in the explorer (browser mode, Chromium): cold (empty index
 * cache) and with the index a previous session left, each time opened through the app's "Open
 * folder" box in a fresh server. The floor is reading and JSON.parse-ing the same files in node.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { launchBenchBrowser, startBenchServer } from './browser'
import { generateLargeRunText } from '../examples/generate-large-run'
import { median, MIB } from './timing'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import type { BenchContext, BenchResult, BenchSection } from './types'

export const LIST_RUNS = 1000

/** 1,000 runs of 10 to 199 steps (about 65 KiB on average), each with its own run id. */
function writeRunFolder(folder: string, context: BenchContext): number {
  mkdirSync(folder, { recursive: true })
  const started = performance.now()
  let bytes = 0
  for (let i = 0; i < LIST_RUNS; i++) {
    const text = generateLargeRunText({ steps: 10 + ((i * 37) % 190), seed: 1000 + i })
    writeFileSync(path.join(folder, `run-${String(i).padStart(4, '0')}.tine`), text)
    bytes += Buffer.byteLength(text)
  }
  context.log(
    `generated ${LIST_RUNS} runs (${(bytes / MIB).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  )
  return bytes
}

interface ListingTimes {
  /** Submit to every row listed with the first drawn. */
  listedMs: number
  /** Submit to the background check's progress gone: every badge filled (cold opens only). */
  checkedMs: number | null
}

/**
 * Starts a server on an empty folder, types the run folder into "Open folder" and times, in the
 * page, from the form's submit to all rows on screen. A cold open also waits for the background
 * check to finish, so the index it leaves is the whole folder's, as a session left open would.
 */
async function timeListing(
  browser: Browser,
  emptyFolder: string,
  runFolder: string,
  cacheDir: string,
  cold: boolean
): Promise<ListingTimes> {
  const bench = await startBenchServer([emptyFolder], cacheDir)
  try {
    const page = await bench.openPage(browser)
    await page.evaluate(() => {
      const probe = window as unknown as { __submittedAt: number | null }
      probe.__submittedAt = null
      document.addEventListener('submit', () => (probe.__submittedAt = performance.now()), true)
    })
    await page.getByTestId('open-path-input').fill(runFolder)
    await page.getByTestId('open-path-input').press('Enter')
    // The list is virtualised: only the rows in view are in the DOM, so "listed" is the list's own
    // count of its rows (data-rows) with the first of them drawn.
    const handle = await page.waitForFunction(
      (count) => {
        const list = document.querySelector('[data-testid="run-list"]')
        const listed = Number(list?.getAttribute('data-rows') ?? 0)
        return listed >= count && list?.querySelector('[data-testid^="run-row-"]') ? performance.now() : null
      },
      LIST_RUNS,
      { timeout: 120_000, polling: 'raf' }
    )
    const listedAt = (await handle.jsonValue()) as number
    const submittedAt = await page.evaluate(() => (window as unknown as { __submittedAt: number }).__submittedAt)
    const unreadable = await page.locator('[data-unreadable="true"]').count()
    if (unreadable > 0) throw new Error(`${unreadable} of the generated runs on screen are listed as unreadable`)
    let checkedMs: number | null = null
    if (cold) {
      const progress = page.getByTestId('verify-progress')
      await progress.waitFor({ state: 'visible', timeout: 30_000 })
      await progress.waitFor({ state: 'detached', timeout: 120_000 })
      checkedMs = (await page.evaluate(() => performance.now())) - submittedAt
    }
    await page.context().close()
    return { listedMs: listedAt - submittedAt, checkedMs }
  } finally {
    await bench.stop()
  }
}

function parseFloorMs(folder: string, context: BenchContext): number {
  const files = readdirSync(folder).map((name) => path.join(folder, name))
  const samples: number[] = []
  for (let i = 0; i < context.warmup + context.repeats; i++) {
    const started = performance.now()
    for (const file of files) JSON.parse(readFileSync(file, 'utf8'))
    if (i >= context.warmup) samples.push(performance.now() - started)
  }
  return median(samples)
}

export const listSection: BenchSection = {
  name: 'list',
  description: 'listing a folder of 1,000 runs: cold, and with the index of a previous session',
  async run(context): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-list-'))
    const browser = await launchBenchBrowser()
    try {
      const runFolder = path.join(scratch, 'runs')
      const emptyFolder = path.join(scratch, 'empty')
      mkdirSync(emptyFolder)
      const bytes = writeRunFolder(runFolder, context)
      const repeats = Math.min(context.repeats, 3)
      const cold: number[] = []
      const checked: number[] = []
      const warm: number[] = []
      for (let i = 0; i < repeats; i++) {
        // A fresh cache folder per repeat: cold means no index at all.
        const cacheDir = path.join(scratch, `cache-${i}`)
        const first = await timeListing(browser, emptyFolder, runFolder, cacheDir, true)
        cold.push(first.listedMs)
        checked.push(first.checkedMs!)
        warm.push((await timeListing(browser, emptyFolder, runFolder, cacheDir, false)).listedMs)
        context.log(
          `cold ${cold[i].toFixed(0)} ms (all checked at ${checked[i].toFixed(0)} ms), with the index ${warm[i].toFixed(0)} ms`
        )
      }
      const floor = parseFloorMs(runFolder, context)
      const row = (label: string, samples: number[]) => ({
        case: label,
        runs: LIST_RUNS,
        mib: bytes / MIB,
        listMs: median(samples),
        perRunMs: median(samples) / LIST_RUNS
      })
      return {
        title: `Listing a folder of ${LIST_RUNS.toLocaleString('en-US')} runs (open folder -> all rows listed, the first on screen)`,
        columns: [
          { key: 'case', label: 'case' },
          { key: 'runs', label: 'runs', digits: 0 },
          { key: 'mib', label: 'MiB' },
          { key: 'listMs', label: 'list ms', digits: 0 },
          { key: 'perRunMs', label: 'ms per run', digits: 2 }
        ],
        rows: [
          row('cold (no index)', cold),
          row('cold, until every row is checked (badges filled)', checked),
          row('with the index (second open)', warm),
          {
            case: 'floor: read + JSON.parse in node',
            runs: LIST_RUNS,
            mib: bytes / MIB,
            listMs: floor,
            perRunMs: floor / LIST_RUNS
          }
        ],
        goals: [checkGoal('list-cold', { ms: median(cold), baselineMs: floor })],
        notes: [
          `median of ${repeats}; each open is a new \`tine ui\` server and browser context; the second open reuses the index the first one left once every row was checked`,
          'timed in the page from the Open form submit to the list counting every run (data-rows) with its first row drawn: API call, folder scan, the cheap listing read (cold) or index lookup by mtime and size (warm), render; the list is virtualised, so only the rows in view are in the DOM',
          'floor: reading and JSON.parse-ing the same files in node, without verification or rendering (OS file cache warm)',
          machineLoadNote()
        ]
      }
    } finally {
      await browser.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
