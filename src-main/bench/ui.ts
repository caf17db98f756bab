/**
 * The explorer in Chromium (browser mode): time from clicking a big run in the list to an
 * interactive graph, and frame times while panning and zooming it. Inputs come from
 * generate-large-run.ts; the load floor is JSON.parse of the same file in node.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launchBenchBrowser, percentile, startBenchServer, UNCAPPED_FRAME_ARGS, type BenchServer } from './browser'
import { generateLargeRun } from '../examples/generate-large-run'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { obj } from '../../src-shared/tine/json-value'
import { median, MIB } from './timing'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import type { BenchContext, BenchResult, BenchSection } from './types'
import { messageOf } from '../../src-shared/tine/errors'
import { VIEW_CACHE_FOLDER } from '../workers/checked-views'

/** Runs opened by the graph section: the 11 MiB and 100,000-step runs, and a 15,900-step one with long payloads. */
export const GRAPH_CASES: GraphCase[] = [
  { steps: 15_900, goal: 'graph-15900' },
  { steps: 15_900, longPayloadBytes: 1400, goal: 'graph-15900-long' },
  { steps: 100_000, goal: 'graph-100000' }
]
export const FRAME_TARGET_MS = 16
const FRAME_CASE_STEPS = 15_900
/** The frame-time baseline: the same gestures over a graph with next to nothing in it. */
const FLOOR_CASE_STEPS = 2
const INTERACTION_MS = 3000

interface GraphCase {
  steps: number
  /** Extra text in every step's outputs (a tool's long result, a model's long answer). */
  longPayloadBytes?: number
  /** The goal in goals.ts this case measures. */
  goal?: string
}

interface LargeRunFile {
  steps: number
  file: string
  runId: string
  bytes: number
}

/** The same DAG with `extraBytes` more text in each step's outputs (new ids, as content hashes are). */
function withLongPayloads(run: Run, extraBytes: number): Run {
  const long = new Run({
    id: `${run.id}-long`,
    createdAt: run.createdAt,
    status: run.status,
    modelInfo: run.modelInfo,
    systemPrompt: run.systemPrompt,
    userPrompt: run.userPrompt
  })
  long.manifest = run.manifest
  const ids = new Map<string, string>()
  for (const step of run.steps) {
    const detail = `${step.kind} ${step.id}: `.padEnd(extraBytes, ' lorem ipsum dolor sit amet')
    const added = long.addStep({
      ...step,
      id: undefined,
      parentIds: step.parentIds.map((parent) => ids.get(parent)!),
      outputs: obj({ ...step.outputs, detail })
    })
    ids.set(step.id, added.id)
  }
  for (const [ref, id] of Object.entries(run.refs)) long.refs[ref] = ids.get(id)!
  return long
}

/**
 * Writes the generated runs into one folder (the one browser mode opens). Each seed gives another
 * run of the same size (own ids), so a bench can open a run the server has not parsed yet.
 */
function writeLargeRuns(folder: string, cases: GraphCase[], context: BenchContext, seed = 1): LargeRunFile[] {
  mkdirSync(folder, { recursive: true })
  return cases.map(({ steps, longPayloadBytes }) => {
    const started = performance.now()
    const generated = generateLargeRun({ steps, seed })
    const run = longPayloadBytes ? withLongPayloads(generated, longPayloadBytes) : generated
    const text = serializeRun(run)
    const file = path.join(folder, `large-${steps}${longPayloadBytes ? '-long' : ''}-seed-${seed}.tine`)
    writeFileSync(file, text)
    const bytes = Buffer.byteLength(text)
    context.log(
      `generated ${steps.toLocaleString('en-US')} steps (${(bytes / MIB).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
    return { steps, file, runId: run.id, bytes }
  })
}

/** Records in the page when the graph becomes ready and when the inspector shows a step. */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = window as unknown as {
      __bench: { clicks: number[]; readyAt: number | null; inspected: Record<string, number> }
    }
    probe.__bench = { clicks: [], readyAt: null, inspected: {} }
    document.addEventListener('click', () => probe.__bench.clicks.push(performance.now()), true)
    new MutationObserver(() => {
      const now = performance.now()
      if (
        probe.__bench.readyAt === null &&
        document.querySelector('[data-testid="run-graph"][data-graph-ready="true"]')
      )
        probe.__bench.readyAt = now
      const inspector = document.querySelector('[data-testid="step-inspector"][data-step-id]')
      const stepId = inspector?.getAttribute('data-step-id')
      if (stepId && probe.__bench.inspected[stepId] === undefined) probe.__bench.inspected[stepId] = now
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-graph-ready', 'data-step-id']
    })
  })
}

/** The id of a node whose centre is inside the graph's box: what a user could click first. */
async function visibleNodeId(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    const box = document.querySelector('[data-testid="run-graph"]')?.getBoundingClientRect()
    if (!box) return null
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const rect = node.getBoundingClientRect()
      const x = rect.left + rect.width / 2
      const y = rect.top + rect.height / 2
      // Keep clear of the toolbar panel at the top and the controls at the bottom.
      if (x > box.left + 20 && x < box.right - 220 && y > box.top + 90 && y < box.bottom - 180)
        return node.getAttribute('data-id')
    }
    return null
  })
  if (!id) throw new Error('no graph node is on screen to click')
  return id
}

interface InteractiveSample {
  readyMs: number
  clickToInspectorMs: number
}

/**
 * Opens a page once the list's background check of every run has finished, as it has when a user
 * has had the folder open for a while: the check's full loads would otherwise share the load
 * workers with the open being timed.
 */
async function openSettledPage(bench: BenchServer, browser: Browser): Promise<Page> {
  const page = await bench.openPage(browser)
  // The check starts once the rows are listed: settled means, for a second, rows on screen, none of
  // them still "checking" and no progress shown (a page opened during the check sees its progress
  // only from the next batch on, so the rows' own badges are what tells).
  await page.waitForFunction(
    () => {
      const probe = window as unknown as { __checkSeenAt?: number }
      const checking =
        document.querySelector('[data-testid="verify-progress"]') ||
        document.querySelector('[data-testid^="run-row-"][data-integrity="checking"]') ||
        !document.querySelector('[data-testid^="run-row-"]')
      if (checking || probe.__checkSeenAt === undefined) probe.__checkSeenAt = performance.now()
      return performance.now() - probe.__checkSeenAt > 1000
    },
    undefined,
    { timeout: 300_000, polling: 100 }
  )
  return page
}

async function timeToInteractive(bench: BenchServer, browser: Browser, run: LargeRunFile): Promise<InteractiveSample> {
  const page = await openSettledPage(bench, browser)
  try {
    await installProbes(page)
    await page.getByTestId(`run-row-${run.runId}`).click()
    try {
      await page.waitForFunction(
        () => (window as unknown as { __bench: { readyAt: number | null } }).__bench.readyAt !== null,
        undefined,
        { timeout: 180_000, polling: 50 }
      )
    } catch (error) {
      const shown = await page.evaluate(() => document.querySelector('.center')?.textContent?.slice(0, 300) ?? '')
      throw new Error(
        `the ${run.steps}-step graph never became ready (${messageOf(error)}); the page shows: ${shown}; server log: ${bench.server.log().slice(-1000)}`,
        { cause: error }
      )
    }
    const rowClick = await page.evaluate(
      () => (window as unknown as { __bench: { clicks: number[] } }).__bench.clicks[0]
    )
    const readyAt = await page.evaluate(() => (window as unknown as { __bench: { readyAt: number } }).__bench.readyAt)
    const stepCount = await page.getByTestId('run-graph').getAttribute('data-step-count')
    if (stepCount !== String(run.steps)) throw new Error(`the graph shows ${stepCount} steps, expected ${run.steps}`)

    const nodeId = await visibleNodeId(page)
    await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click({ timeout: 30_000 })
    await page.waitForFunction(
      (id) =>
        (window as unknown as { __bench: { inspected: Record<string, number> } }).__bench.inspected[id] !== undefined,
      nodeId,
      { timeout: 60_000, polling: 20 }
    )
    const clickToInspectorMs = await page.evaluate((id) => {
      const bench = (window as unknown as { __bench: { clicks: number[]; inspected: Record<string, number> } }).__bench
      return bench.inspected[id] - bench.clicks[bench.clicks.length - 1]
    }, nodeId)
    return { readyMs: readyAt - rowClick, clickToInspectorMs }
  } finally {
    await page.context().close()
  }
}

function jsonParseFloorMs(file: string, context: BenchContext): number {
  const samples: number[] = []
  for (let i = 0; i < context.warmup + context.repeats; i++) {
    const started = performance.now()
    JSON.parse(readFileSync(file, 'utf8'))
    if (i >= context.warmup) samples.push(performance.now() - started)
  }
  return median(samples)
}

/** Repeats for the browser cases: a 100,000-step open takes seconds, so at most 3 timed opens. */
function browserRepeats(context: BenchContext): number {
  return Math.min(context.repeats, 3)
}

interface GraphRows {
  rows: Array<Record<string, number | string>>
  goals: ReturnType<typeof checkGoal>[]
}

/** Opens every case's runs in `bench` (warm-ups first) and gives a row per case, named with `suffix`. */
async function timeGraphCases(
  bench: BenchServer,
  browser: Browser,
  copies: LargeRunFile[][],
  warmups: number,
  context: BenchContext,
  suffix: string
): Promise<GraphRows> {
  const rows: GraphRows['rows'] = []
  const goals: GraphRows['goals'] = []
  for (const [index, graphCase] of GRAPH_CASES.entries()) {
    const runs = copies.map((written) => written[index])
    const run = runs[0]
    for (const warmup of runs.slice(0, warmups)) await timeToInteractive(bench, browser, warmup)
    const samples: InteractiveSample[] = []
    for (const timed of runs.slice(warmups)) {
      const sample = await timeToInteractive(bench, browser, timed)
      context.log(
        `${run.steps.toLocaleString('en-US')} steps (${(run.bytes / MIB).toFixed(0)} MiB)${suffix}: interactive in ${sample.readyMs.toFixed(0)} ms, node click answered in ${sample.clickToInspectorMs.toFixed(0)} ms`
      )
      samples.push(sample)
    }
    const readyMs = median(samples.map((sample) => sample.readyMs))
    const jsonParseMs = jsonParseFloorMs(run.file, context)
    if (graphCase.goal && !suffix) goals.push(checkGoal(graphCase.goal, { ms: readyMs, baselineMs: jsonParseMs }))
    rows.push({
      case: `${run.steps.toLocaleString('en-US')} steps${graphCase.longPayloadBytes ? ', long payloads' : ''}${suffix}`,
      steps: run.steps,
      mib: run.bytes / MIB,
      interactiveMs: readyMs,
      clickMs: median(samples.map((sample) => sample.clickToInspectorMs)),
      jsonParseMs,
      ratio: readyMs / jsonParseMs
    })
  }
  return { rows, goals }
}

export const graphSection: BenchSection = {
  name: 'graph',
  description: 'time from clicking a big run in the list to an interactive graph (browser mode, Chromium)',
  async run(context): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-graph-'))
    const browser = await launchBenchBrowser()
    let bench: BenchServer | null = null
    try {
      // One run per open: a load worker keeps the runs it parsed, so opening one run again would
      // time a run already parsed and verified, not a click on a run from the list.
      const warmups = Math.min(context.warmup, 1)
      const opens = warmups + browserRepeats(context)
      const copies = Array.from({ length: opens }, (_, copy) =>
        writeLargeRuns(path.join(scratch, 'runs'), GRAPH_CASES, context, copy + 1)
      )
      const cacheDir = path.join(scratch, 'cache')
      const runsFolder = path.join(scratch, 'runs')
      bench = await startBenchServer([runsFolder], cacheDir)
      const checked = await timeGraphCases(bench, browser, copies, warmups, context, '')
      await bench.stop()
      bench = null
      // Later sessions keep the folder's index, so no check loads the runs before they are opened:
      // the next one has the views the first one's check wrote, the last one not.
      bench = await startBenchServer([runsFolder], cacheDir)
      const nextSession = await timeGraphCases(bench, browser, copies, warmups, context, ', next session')
      await bench.stop()
      bench = null
      rmSync(path.join(cacheDir, VIEW_CACHE_FOLDER), { recursive: true, force: true })
      bench = await startBenchServer([runsFolder], cacheDir)
      const unchecked = await timeGraphCases(bench, browser, copies, warmups, context, ', no view kept')
      const rows = [...checked.rows, ...nextSession.rows, ...unchecked.rows]
      const goals = checked.goals
      return {
        title: 'Time to an interactive graph (the opentine GUI needs 5-12 s to lay out a large run)',
        columns: [
          { key: 'case', label: 'run' },
          { key: 'mib', label: 'MiB' },
          { key: 'interactiveMs', label: 'row click -> graph ready ms', digits: 0 },
          { key: 'clickMs', label: 'node click -> inspector ms', digits: 0 },
          { key: 'jsonParseMs', label: 'JSON.parse floor ms', digits: 0 },
          { key: 'ratio', label: 'x floor', digits: 1 }
        ],
        rows,
        goals,
        notes: [
          `median of ${browserRepeats(context)} opens, each in a fresh browser context, after ${warmups} warm-up open; times are taken in the page (click event to the data-graph-ready mutation)`,
          'each open is of another run of the same size (another seed), one not opened before, after the list finished checking every run in the background: that check loads each run and keeps the view of the big ones, so the open sends it without parsing the file again',
          '"next session": the same opens in a second server started on the same folder with the index the first one left, so no check runs: the view the first check wrote is read, once the file\'s bytes hash to the ones it was built from',
          '"no view kept": a third server, with the index but without the written views (a run opened before the check reached it, or one over the views\' budget): the load worker reads and parses the file, its view comes before its digest',
          'all cover the API call, the run view over HTTP, layout in a web worker and the first render; the goals are judged on the first session',
          'JSON.parse floor: node JSON.parse of the same file (no verification, no layout, no render), measured in this run',
          machineLoadNote()
        ]
      }
    } finally {
      await bench?.stop()
      await browser.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}

/**
 * Pans and zooms the graph from inside the page, one input step per animation frame, for
 * `durationMs`, and returns the requestAnimationFrame intervals. Input comes as synthetic mouse
 * drags and wheel events on the React Flow pane (what d3-zoom listens to); one step per frame is
 * what a hand moving the mouse on a 60 Hz display produces. Playwright's own mouse cannot do this:
 * each CDP input event waits for the next frame, so it would measure the input rate, not the app.
 * Kept as source text: tsx wraps named inner functions in a helper that does not exist in the page.
 */
const PAN_AND_ZOOM = `async ({ durationMs, pan }) => {
  const pane = document.querySelector('.react-flow__pane')
  const viewport = document.querySelector('.react-flow__viewport')
  const box = pane.getBoundingClientRect()
  const x0 = box.left + box.width / 2
  const y0 = box.top + box.height / 2
  const mouse = (type, x, y) => pane.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }))
  const wheel = (deltaY) => pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, view: window, clientX: x0, clientY: y0, deltaY, deltaMode: 0 }))
  // 90 frames dragging (down the run, with some sideways sway), 20 zooming in, 20 zooming out.
  const PHASE = 130
  const deltas = []
  const moved = []
  const transforms = new Set()
  let previous = viewport.style.transform
  let x = x0
  let y = y0
  let frame = 0
  let last = await new Promise((resolve) => requestAnimationFrame(resolve))
  const started = last
  while (last - started < durationMs) {
    const step = frame % PHASE
    if (pan && step === 0) { x = x0; y = y0; mouse('mousedown', x, y) }
    if (pan && step < 90) {
      x = x0 + Math.sin(step / 9) * 60
      y = y - 9
      mouse('mousemove', x, y)
    }
    if (pan && step === 90) mouse('mouseup', x, y)
    if (pan && step >= 90 && step < 110) wheel(-40)
    if (pan && step >= 110) wheel(40)
    frame++
    const now = await new Promise((resolve) => requestAnimationFrame(resolve))
    deltas.push(now - last)
    last = now
    transforms.add(viewport.style.transform)
    moved.push(viewport.style.transform !== previous)
    previous = viewport.style.transform
  }
  if (pan) mouse('mouseup', x, y)
  return { deltas, moved, distinctViewports: transforms.size, nodesInDom: document.querySelectorAll('.react-flow__node').length }
}`

interface FrameSample {
  deltas: number[]
  /** Per frame: did the viewport change since the previous frame. */
  moved: boolean[]
  distinctViewports: number
  nodesInDom: number
}

async function recordFrames(page: Page, durationMs: number, pan: boolean): Promise<FrameSample> {
  return page.evaluate(`(${PAN_AND_ZOOM})(${JSON.stringify({ durationMs, pan })})`) as Promise<FrameSample>
}

/** Opens the run in a fresh page, then records idle frames once and pan + zoom frames a few times. */
async function panZoomRecordings(
  bench: BenchServer,
  browser: Browser,
  run: LargeRunFile,
  context: BenchContext
): Promise<{ idle: FrameSample; recordings: FrameSample[] }> {
  const page = await bench.openPage(browser)
  try {
    await page.getByTestId(`run-row-${run.runId}`).click()
    await page.locator('[data-testid="run-graph"][data-graph-ready="true"]').waitFor({ timeout: 300_000 })
    const idle = await recordFrames(page, 1000, false)
    const recordings: FrameSample[] = []
    for (let i = 0; i < browserRepeats(context); i++) {
      const moving = await recordFrames(page, INTERACTION_MS, true)
      const movedFrames = moving.moved.filter(Boolean).length
      if (movedFrames < moving.deltas.length * 0.9) {
        throw new Error(
          `the scripted pan and zoom moved the graph in only ${movedFrames} of ${moving.deltas.length} frames`
        )
      }
      // The small baseline graph leaves the screen as the drag goes on; the big one must not.
      if (run.steps > FLOOR_CASE_STEPS && moving.nodesInDom === 0)
        throw new Error('the scripted pan and zoom left no node on screen')
      context.log(
        `${run.steps.toLocaleString('en-US')} steps, pan + zoom ${i + 1}: ${moving.deltas.length} frames (${movedFrames} with a new viewport), p95 ${percentile(moving.deltas, 0.95).toFixed(1)} ms, ${moving.nodesInDom} nodes on screen at the end`
      )
      recordings.push(moving)
    }
    return { idle, recordings }
  } finally {
    await page.context().close()
  }
}

/** Percentiles per recording, then the median over recordings: one noisy second does not decide. */
function frameRow(label: string, recordings: number[][], secondsEach: number): Record<string, number | string> {
  const p95 = median(recordings.map((deltas) => percentile(deltas, 0.95)))
  const frames = recordings.reduce((sum, deltas) => sum + deltas.length, 0)
  return {
    case: label,
    recordings: recordings.length,
    frames,
    fps: frames / (secondsEach * recordings.length),
    p50Ms: median(recordings.map((deltas) => percentile(deltas, 0.5))),
    p95Ms: p95,
    maxMs: Math.max(...recordings.map((deltas) => Math.max(...deltas))),
    over16: recordings.reduce((sum, deltas) => sum + deltas.filter((delta) => delta > FRAME_TARGET_MS).length, 0)
  }
}

export const framesSection: BenchSection = {
  name: 'frames',
  description: 'frame times while panning and zooming the 15,900-step graph (browser mode, Chromium)',
  async run(context): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-frames-'))
    const browser = await launchBenchBrowser(UNCAPPED_FRAME_ARGS)
    let bench: BenchServer | null = null
    try {
      const [floorRun, run] = writeLargeRuns(
        path.join(scratch, 'runs'),
        [{ steps: FLOOR_CASE_STEPS }, { steps: FRAME_CASE_STEPS }],
        context
      )
      bench = await startBenchServer([path.join(scratch, 'runs')], path.join(scratch, 'cache'))
      const floor = await panZoomRecordings(bench, browser, floorRun, context)
      const big = await panZoomRecordings(bench, browser, run, context)
      const baseline = frameRow(
        `baseline: pan + zoom, ${FLOOR_CASE_STEPS}-step graph`,
        floor.recordings.map((recording) => recording.deltas),
        INTERACTION_MS / 1000
      )
      const panning = frameRow(
        `pan + zoom, ${FRAME_CASE_STEPS.toLocaleString('en-US')}-step graph`,
        big.recordings.map((recording) => recording.deltas),
        INTERACTION_MS / 1000
      )
      const p95 = { ms: Number(panning.p95Ms), baselineMs: Number(baseline.p95Ms) }
      return {
        title: `Frame times while panning and zooming the ${FRAME_CASE_STEPS.toLocaleString('en-US')}-step graph, against a ${FLOOR_CASE_STEPS}-step one`,
        columns: [
          { key: 'case', label: 'what' },
          { key: 'recordings', label: 'recordings', digits: 0 },
          { key: 'frames', label: 'frames', digits: 0 },
          { key: 'fps', label: 'fps', digits: 0 },
          { key: 'p50Ms', label: 'p50 ms' },
          { key: 'p95Ms', label: 'p95 ms' },
          { key: 'maxMs', label: 'max ms' },
          { key: 'over16', label: `frames > ${FRAME_TARGET_MS} ms`, digits: 0 }
        ],
        rows: [frameRow('idle (no input)', [big.idle.deltas], 1), baseline, panning],
        goals: [checkGoal('frames-ratio', p95), checkGoal('frames-quiet', p95)],
        notes: [
          'requestAnimationFrame intervals recorded in the page; Chromium runs with --disable-frame-rate-limit --disable-gpu-vsync so frames are not paced to 60 Hz',
          `p50 and p95: median over the recordings of each recording's percentile; max and the > ${FRAME_TARGET_MS} ms count over all frames`,
          `pan + zoom: each recording is ${INTERACTION_MS / 1000} s of one input step per frame (90 frames of mouse drag down the run, 20 of wheel zoom in, 20 out), synthetic events on the pane; software rendering (--disable-gpu)`,
          'idle: the same recorder with no input; with nothing to redraw Chromium paces frames to about 60 Hz, so idle shows the pacing, not the cost',
          `baseline: the same gestures on a ${FLOOR_CASE_STEPS}-step run (React Flow, background and minimap with almost no nodes), in the same browser: the floor of this machine and renderer`,
          machineLoadNote()
        ]
      }
    } finally {
      await bench?.stop()
      await browser.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
