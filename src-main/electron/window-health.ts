/**
 * A window must never sit blank: a renderer that failed to load, crashed or hangs is reported in
 * a dialog (and the log), with Reload offered where it can help.
 */
import type { BrowserWindow, MessageBoxOptions } from 'electron'

export interface HealthReporter {
  log(line: string): void
  ask(window: BrowserWindow, options: MessageBoxOptions): Promise<{ response: number }>
}

export function watchWindowHealth(window: BrowserWindow, reporter: HealthReporter): void {
  const contents = window.webContents
  const offerReload = async (message: string, detail: string, keepLabel: string) => {
    reporter.log(`${message}: ${detail}`)
    if (window.isDestroyed()) return
    const { response } = await reporter.ask(window, {
      type: 'error',
      message,
      detail,
      buttons: ['Reload', keepLabel],
      defaultId: 0,
      cancelId: 1,
      noLink: true
    })
    if (response === 0 && !window.isDestroyed()) contents.reload()
    else if (keepLabel === 'Close Window' && !window.isDestroyed()) window.close()
  }
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame || code === -3) return // -3 is an aborted load (a reload replaced it), not a failure
    void offerReload('opentine could not load its window', `${description} (${code}) loading ${url}`, 'Close Window')
  })
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    void offerReload(
      'The opentine window stopped working',
      `renderer ${details.reason} (exit code ${details.exitCode})`,
      'Close Window'
    )
  })
  window.on('unresponsive', () => {
    void offerReload('The opentine window is not responding', 'the renderer has not answered for a while', 'Wait')
  })
}
