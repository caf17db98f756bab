/**
 * `tine pause RUN` / `tine resume RUN`: change the status and re-save in place, atomically.
 * Resume refuses unless the run was recorded as resumable (`manifest.resume`, spec §17).
 */
import type { Command } from 'commander'
import { truthy } from '../../../src-shared/tine/integrity'
import { obj } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import { saveRun } from '../../store/run-file'
import { UserError } from '../errors'
import { out, outJson, warn } from '../output'
import { hadSignature, openRun } from '../run-io'
import { renderTree } from '../tree'

function warnDropped(path: string): void {
  warn(`the signature of ${path} was dropped by the re-save; sign it again with \`tine sign\``)
}

export function registerPauseResume(program: Command): void {
  program
    .command('pause')
    .description('mark a run paused (re-saves the file in place)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: { json?: boolean }) => {
      const { run, path } = await openRun(argument)
      const previous = run.status
      run.status = 'paused'
      await saveRun(run, path)
      if (hadSignature(run)) warnDropped(path)
      if (flags.json) outJson(obj({ command: 'pause', path, previous_status: previous, run_id: run.id, short_id: shortId(run.id), status: run.status }))
      else out(`Paused ${shortId(run.id)} (was ${previous}); saved ${path}`)
    })

  program
    .command('resume')
    .description('mark a resumable run running again (re-saves the file in place)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: { json?: boolean }) => {
      const { run, path } = await openRun(argument)
      if (!truthy(run.manifest.resume)) {
        throw new UserError(`refusing to resume ${shortId(run.id)}: its manifest does not allow resuming (manifest.resume is ${run.manifest.resume === undefined ? 'not set' : 'false'})`)
      }
      const previous = run.status
      run.status = 'running'
      await saveRun(run, path)
      if (hadSignature(run)) warnDropped(path)
      if (flags.json) {
        outJson(obj({ command: 'resume', path, previous_status: previous, run_id: run.id, short_id: shortId(run.id), status: run.status }))
        return
      }
      out(`Resumed ${shortId(run.id)} (was ${previous}); saved ${path}`)
      for (const line of renderTree(run)) out(line)
    })
}
