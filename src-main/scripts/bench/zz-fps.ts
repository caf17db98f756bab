import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/support/paths'
const variants: [string, string[], boolean][] = [
  ['default', [], true],
  ['uncapped', ['--disable-frame-rate-limit', '--disable-gpu-vsync'], true],
  ['uncapped+headless=old?', ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--disable-gpu-compositing'], true],
  ['uncapped+enable-gpu-benchmarking', ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--enable-gpu-benchmarking'], true],
]
for (const [name, args, headless] of variants) {
  const b = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args], headless })
  const p = await b.newPage()
  await p.setContent('<div id=x style="width:100px;height:100px;background:red"></div>')
  const n = await p.evaluate(`new Promise((resolve) => { let n = 0; const start = performance.now(); function f(t) { n++; document.getElementById('x').style.transform = 'translateX(' + (n % 100) + 'px)'; if (performance.now() - start < 1000) requestAnimationFrame(f); else resolve(n) } requestAnimationFrame(f) })`)
  console.log(name, n)
  await b.close()
}
