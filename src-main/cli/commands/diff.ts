/** `tine diff A B`: step-by-step differences paired by graph position (spec §15). */
import type { Command } from 'commander'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { diffRuns, type RunDiff } from '../../../src-shared/run/diff'
import { shortId } from '../../../src-shared/run/format'
import type { Run } from '../../../src-shared/run/run'
import { EXIT_FAILED } from '../errors'
import { setExitCode } from '../exit-status'
import { out, outJson } from '../output'
import { openRun } from '../run-io'

function side(run: Run, path: string): JsonObject {
  return obj({ path, run_id: run.id, short_id: shortId(run.id) })
}

export function driftJson(drift: RunDiff['drift']): JsonObject {
  return obj({
    accounting: [...drift.accounting],
    only_replay: [...drift.only_replay],
    only_source: [...drift.only_source],
    structural: [...drift.structural]
  })
}

function printDiff(a: Run, pathA: string, b: Run, pathB: string, diff: RunDiff): void {
  out(`--- ${shortId(a.id)} ${pathA}`)
  out(`+++ ${shortId(b.id)} ${pathB}`)
  out(`common ancestor: ${diff.commonAncestor ? shortId(diff.commonAncestor) : 'none'}`)
  if (diff.identical) {
    out('identical')
    return
  }
  for (const pair of diff.changed) {
    const fields = pair.deltas.map((delta) => (delta.keys?.length ? `${delta.field}(${delta.keys.join(', ')})` : delta.field))
    const ids = pair.a === pair.b ? shortId(pair.a) : `${shortId(pair.a)} -> ${shortId(pair.b)}`
    out(`~ ${ids} ${pair.kind}: ${fields.join(', ')}`.replace(/[\u0000-\u001f\u007f]/g, '?'))
  }
  for (const id of diff.onlyA) out(`- ${shortId(id)} ${a.getStep(id)!.kind} (only in ${shortId(a.id)})`)
  for (const id of diff.onlyB) out(`+ ${shortId(id)} ${b.getStep(id)!.kind} (only in ${shortId(b.id)})`)
  out(`${diff.changed.length} changed, ${diff.onlyA.length} only in left, ${diff.onlyB.length} only in right`)
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two runs step by step')
    .argument('<a>', 'left run (path, run id or file name prefix)')
    .argument('<b>', 'right run')
    .option('--exit-code', 'exit 1 when the runs differ')
    .option('--json', 'print one JSON object')
    .action(async (argumentA: string, argumentB: string, flags: { exitCode?: boolean; json?: boolean }) => {
      const left = await openRun(argumentA)
      const right = await openRun(argumentB)
      const diff = diffRuns(left.run, right.run)
      if (flags.json) {
        outJson(
          obj({
            command: 'diff',
            common_ancestor: diff.commonAncestor,
            drift: driftJson(diff.drift),
            identical: diff.identical,
            left: side(left.run, left.path),
            right: side(right.run, right.path)
          })
        )
      } else printDiff(left.run, left.path, right.run, right.path, diff)
      if (flags.exitCode && !diff.identical) setExitCode(EXIT_FAILED)
    })
}
