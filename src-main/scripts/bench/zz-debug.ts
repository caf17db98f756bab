import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBenchBrowser, startBenchServer } from '../../../e2e/support/bench-browser'
import { generateLargeRun } from '../generate-large-run'
import { serializeRun } from '../../../src-shared/run/save'
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-dbg-'))
const steps = Number(process.argv[2] ?? 100000)
const run = generateLargeRun({ steps, seed: 1 })
const dir = path.join(scratch, 'runs'); (await import('node:fs')).mkdirSync(dir)
writeFileSync(path.join(dir, 'big.tine'), serializeRun(run))
const browser = await launchBenchBrowser()
const bench = await startBenchServer([dir], path.join(scratch, 'cache'))
const page = await bench.openPage(browser)
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)))
page.on('pageerror', (e) => console.log('pageerror:', e.message))
page.on('response', (r) => { if (r.url().includes('/api/')) console.log('response', r.status(), r.url().slice(0, 80), Date.now()) })
const t0 = Date.now()
await page.getByTestId(`run-row-${run.id}`).click()
for (let i = 0; i < 12; i++) {
  await page.waitForTimeout(5000)
  const ready = await page.evaluate(() => document.querySelector('[data-testid="run-graph"]')?.getAttribute('data-graph-ready'))
  const text = await page.evaluate(() => document.querySelector('.center')?.textContent?.slice(0, 300))
  console.log(((Date.now() - t0) / 1000).toFixed(0), 's ready=', ready, '|', text)
  if (ready === 'true') break
}
await page.screenshot({ path: '/tmp/dbg.png' })
console.log(bench.server.log().slice(-2000))
await bench.stop(); await browser.close()
