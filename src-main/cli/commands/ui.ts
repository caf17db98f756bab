/** `tine ui [folder...]`: the run explorer in a browser, for machines without Electron or a screen. */
import type { Command } from 'commander'
import { UsageError, UserError } from '../errors'
import { runBrowserModeUntilInterrupted } from '../../web/browser-mode'
import { LaunchError } from '../../web/launch-error'
import { ApiError } from '../../../src-shared/api/api-error'

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not ${JSON.stringify(value)}`)
  }
  return port
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('serve the run explorer on 127.0.0.1 and open it in a browser')
    .argument('[folder...]', 'folders or .tine files to open (default: ./.tine_runs, else the examples)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--no-open', 'only print the URL; do not start a browser')
    .action(async (folders: string[], options: { port?: string; open: boolean }) => {
      const port = options.port === undefined ? undefined : parsePort(options.port)
      try {
        await runBrowserModeUntilInterrupted({ paths: folders, port, open: options.open })
      } catch (error) {
        // A path that cannot be opened, a taken port, a failed build: one line, no stack trace.
        if (error instanceof ApiError || error instanceof LaunchError) throw new UserError(error.message)
        throw error
      }
    })
}
