/** `tine tag RUN --add T --remove T --list`: edit tags and re-save in place (spec §4, §17). */
import type { Command } from 'commander'
import { obj } from '../../../src-shared/tine/json-value'
import { shortId } from '../../../src-shared/run/format'
import { normalizeTags } from '../../../src-shared/run/tags'
import type { Run } from '../../../src-shared/run/run'
import { resolveRunArgument } from '../../store/run-lookup'
import { rewriteInPlace } from '../rewrite-in-place'
import { out, outJson, warn } from '../output'
import { hadSignature, openRun } from '../run-io'

interface TagFlags {
  add: string[]
  remove: string[]
  list?: boolean
  force?: boolean
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
    .option('--force', 'write even when the integrity check fails (recorded in metadata.warnings)')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, flags: TagFlags) => {
      const path = await resolveRunArgument(argument)
      if (flags.list || (!flags.add.length && !flags.remove.length)) {
        const { run } = await openRun(path)
        return report(run, path, false, flags)
      }
      const removed = new Set(normalizeTags(flags.remove))
      const { run, written: changed } = await rewriteInPlace(path, {
        verb: 'tag',
        force: Boolean(flags.force),
        apply: (loaded) => {
          const before = loaded.tags.join('\u0000')
          loaded.tags = normalizeTags([...loaded.tags, ...flags.add]).filter((tag) => !removed.has(tag))
          return loaded.tags.join('\u0000') !== before
        }
      })
      if (changed && hadSignature(run))
        warn(`the signature of ${path} was dropped by the re-save; sign it again with \`tine sign\``)
      report(run, path, changed, flags)
    })
}

function report(run: Run, path: string, changed: boolean, flags: TagFlags): void {
  if (flags.json) {
    outJson(obj({ changed, command: 'tag', path, run_id: run.id, short_id: shortId(run.id), tags: [...run.tags] }))
    return
  }
  out(
    `${shortId(run.id)} tags: ${run.tags.length ? run.tags.join(', ') : '(none)'}${changed ? ` (saved ${path})` : ''}`
  )
}
