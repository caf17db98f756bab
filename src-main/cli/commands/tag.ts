/** `tine tag RUN --add T --remove T --list`: edit tags and re-save in place (spec §4, §17). */
import type { Command } from 'commander'
import { obj } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import { normalizeTags } from '../../../src-shared/run/tags'
import { saveRun } from '../../store/run-file'
import { out, outJson, warn } from '../output'
import { hadSignature, openRun } from '../run-io'

interface TagFlags {
  add: string[]
  remove: string[]
  list?: boolean
  json?: boolean
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export function registerTag(program: Command): void {
  program
    .command('tag')
    .description('list, add or remove tags (tags are lower-cased; a change re-saves the file)')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--add <tag>', 'add a tag (repeatable)', collect, [])
    .option('--remove <tag>', 'remove a tag (repeatable)', collect, [])
    .option('--list', 'only list the tags')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: TagFlags) => {
      const { run, path } = await openRun(argument)
      const before = [...run.tags]
      if (!flags.list) {
        const removed = new Set(normalizeTags(flags.remove))
        run.tags = normalizeTags([...run.tags, ...flags.add]).filter((tag) => !removed.has(tag))
      }
      const changed = run.tags.join('\u0000') !== before.join('\u0000')
      if (changed) {
        await saveRun(run, path)
        if (hadSignature(run)) warn(`the signature of ${path} was dropped by the re-save; sign it again with \`tine sign\``)
      }
      if (flags.json) {
        outJson(obj({ changed, command: 'tag', path, run_id: run.id, short_id: shortId(run.id), tags: [...run.tags] }))
        return
      }
      out(`${shortId(run.id)} tags: ${run.tags.length ? run.tags.join(', ') : '(none)'}${changed ? ` (saved ${path})` : ''}`)
    })
}
