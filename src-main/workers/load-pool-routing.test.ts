/** A diff goes to the worker that already holds one of its runs parsed, so only the other is read. */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeRun } from '../../e2e/kit/run-files'
import { sampleRun, tempFolder } from '../testing/support'
import { LoadPool, slotOf } from './load-pool'

let pool: LoadPool | null = null
afterEach(async () => {
  await pool?.close()
  pool = null
})

/** Two run files whose own workers differ, so where the diff goes shows in what is read. */
function filesOnTwoWorkers(folder: string): [string, string] {
  const names = Array.from({ length: 20 }, (_, index) => path.join(folder, `run-${index}.tine`))
  const origin = names[0]
  const fork = names.find((name) => slotOf(name, 2) !== slotOf(origin, 2))!
  return [origin, fork]
}

describe('a diff of a run on screen against a cold one', () => {
  it('reads only the cold run, and the step pairs that follow read nothing', async () => {
    const folder = tempFolder('tine-routing-')
    const [origin, fork] = filesOnTwoWorkers(folder)
    writeRun(origin, sampleRun('origin', 2))
    writeRun(fork, sampleRun('fork', 3))
    pool = new LoadPool({ size: 2 })
    await pool.run({ kind: 'view', file: fork })
    expect(pool.reads()).toBe(1)
    const diff = await pool.run({ kind: 'diff', file: origin, fileB: fork, toolCallsOnly: false })
    expect(diff.differences.length).toBeGreaterThan(0)
    expect(pool.reads()).toBe(2)
    await pool.run({ kind: 'stepPair', file: origin, fileB: fork, stepA: null, stepB: null }).catch(() => undefined)
    expect(pool.reads()).toBe(2)
  })
})
