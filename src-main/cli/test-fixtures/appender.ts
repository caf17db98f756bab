/**
 * A second writer for the conflict tests: appends N steps to a run file, one atomic rewrite per
 * step, and (like the app) writes only when the file did not change since it read it.
 * Usage: appender.ts FILE N
 */
import { readFileSync } from 'node:fs'
import { obj } from '../../../src-shared/tine/json-value'
import { serializeRun } from '../../../src-shared/run/save'
import { writeFileAtomic } from '../../store/atomic-write'
import { loadRun } from '../../store/run-file'

const [file, count] = process.argv.slice(2)
const stamp = () => readFileSync(file).toString('base64')
for (let index = 0; index < Number(count);) {
  const before = stamp()
  const run = await loadRun(file)
  run.addStep({ kind: 'tool', inputs: obj({ name: 'append', n: BigInt(index) }), outputs: obj({ result: 'ok' }) })
  const content = serializeRun(run)
  const unchanged = () => {
    if (stamp() !== before) throw new Error('changed')
  }
  const wrote = await writeFileAtomic(file, content, { beforeCommit: unchanged }).then(
    () => true,
    () => false
  )
  if (wrote) index++
}
