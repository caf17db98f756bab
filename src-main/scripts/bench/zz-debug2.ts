import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBenchBrowser, startBenchServer, UNCAPPED_FRAME_ARGS } from '../../../e2e/support/bench-browser'
import { generateLargeRun } from '../generate-large-run'
import { serializeRun } from '../../../src-shared/run/save'
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-dbg-'))
const run = generateLargeRun({ steps: 15900, seed: 1 })
const dir = path.join(scratch, 'runs'); mkdirSync(dir)
writeFileSync(path.join(dir, 'big.tine'), serializeRun(run))
const browser = await launchBenchBrowser(UNCAPPED_FRAME_ARGS)
const bench = await startBenchServer([dir], path.join(scratch, 'cache'))
const page = await bench.openPage(browser)
await page.getByTestId(`run-row-${run.id}`).click()
await page.locator('[data-testid="run-graph"][data-graph-ready="true"]').waitFor({ timeout: 300_000 })
const tf = () => page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform)
const count = () => page.locator('.react-flow__node').count()
console.log('start', await tf(), await count())
await page.screenshot({ path: '/tmp/f0.png' })
const box = (await page.getByTestId('run-graph').boundingBox())!
const cx = box.x + box.width / 2, cy = box.y + box.height / 2
let t = performance.now()
await page.mouse.move(cx, cy); await page.mouse.down(); await page.mouse.move(cx, cy - 250, { steps: 24 }); await page.mouse.up()
console.log('drag up', await tf(), await count(), 'ms', performance.now() - t)
t = performance.now()
for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -120)
await page.waitForTimeout(300)
console.log('wheel in', await tf(), await count(), 'ms', performance.now() - t)
await page.screenshot({ path: '/tmp/f1.png' })
for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 120)
await page.waitForTimeout(300)
console.log('wheel out', await tf(), await count())
await page.screenshot({ path: '/tmp/f2.png' })
await bench.stop(); await browser.close()
