/** `tine show RUN [--json]`: the run tree, or the run and its steps as JSON. */
import type { Command } from 'commander'
import { showJson } from '../json-views'
import { out, outJson } from '../output'
import { openRun } from '../run-io'
import { renderTree } from '../tree'

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('print a run as a tree of steps')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, options: { json?: boolean }) => {
      const { run, path } = await openRun(argument)
      if (options.json) outJson(showJson(run, path))
      else for (const line of renderTree(run)) out(line)
    })
}
