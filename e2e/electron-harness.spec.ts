/**
 * The built renderer as Electron would load it (electron-harness.ts): served by the app:// handler
 * under the custom scheme's rules, talking through the BUILT preload to the real API service. A run
 * opens, a step is clicked, a fork is written; the page can reach no local file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inspectRun, oracle } from './support/actions-files'
import { forkFromMenu } from './support/actions-ui'
import { openInElectronHarness } from './support/electron-harness'
import { expect, makeExplorer, test } from './support/explorer'
import { copyInto, exampleFiles } from './support/run-files'

test('under app:// rules with the real preload bridge: a run opens, a step is clicked, a fork is written', async ({
  page,
  appMode
}) => {
  test.skip(appMode === 'electron', 'the harness stands in for Electron; the electron project runs the real app')
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-harness-'))
  const folder = path.join(scratch, '.tine_runs')
  mkdirSync(folder)
  copyInto(folder, exampleFiles())
  const harness = await openInElectronHarness(page, folder, path.join(scratch, 'cache'))
  try {
    expect(harness.exposed).toEqual(['tineBridge'])
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true')
    // The app knows it runs in Electron: the bridge answered app.info, and desktop-only controls show.
    const explorer = makeExplorer(page, scratch, folder)
    const sourceFile = explorer.file('incident-merge.tine')
    const sourceBytes = readFileSync(sourceFile)
    const source = await inspectRun(sourceFile)
    // The layout ran in its Web Worker, loaded from the scheme (elk's chunk for a run this small).
    await explorer.openRun(source.runId)
    await expect(page.getByTestId('show-in-folder')).toBeVisible()
    const step = source.steps[2]
    await explorer.clickNode(step.id)
    await expect(explorer.stepInspector()).toHaveAttribute('data-step-id', step.id)
    const fork = await forkFromMenu(explorer, step.id, 'branch')
    const verdict = await oracle(fork)
    expect(verdict.code, verdict.output).toBe(0)
    expect((await inspectRun(fork)).forkedFrom).toBe(source.runId)
    expect(readFileSync(sourceFile).equals(sourceBytes)).toBe(true)

    // Under the scheme's rules the page reaches no local file, by fetch or by script.
    const reach = await page.evaluate(async () => {
      const fetched = await fetch('file:///etc/passwd').then(
        () => 'answered',
        () => 'refused'
      )
      const script = await new Promise<string>((resolve) => {
        const element = document.createElement('script')
        element.src = 'file:///etc/passwd'
        element.onload = () => resolve('loaded')
        element.onerror = () => resolve('refused')
        document.head.append(element)
      })
      return { fetched, script, secure: window.isSecureContext }
    })
    expect(reach).toEqual({ fetched: 'refused', script: 'refused', secure: true })
  } finally {
    await harness.close()
    rmSync(scratch, { recursive: true, force: true })
  }
})
