/** `tine diff --json` (the real bin) names the same differences as the app's side-by-side view of the same files. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildDiffView } from '../../../src-shared/run/diff/diff-view'
import { retriedFork } from '../../../src-shared/run/diff/testing/retried-fork'
import { EXAMPLES_DIR, loadRun, writeRun } from '../../../e2e/kit/run-files'
import { tine } from '../../testing/cli-harness'

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-diff-json-view-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

const short = (id: string) => id.slice(0, 12)

describe('tine diff --json', () => {
  it('agrees with buildDiffView on a retried fork', async () => {
    const origin = loadRun(path.join(EXAMPLES_DIR, 'research-agent.tine'))
    const { fork, point } = retriedFork(origin)
    const originFile = path.join(tempDir, 'origin.tine')
    const forkFile = path.join(tempDir, 'fork.tine')
    writeRun(originFile, origin)
    writeRun(forkFile, fork)
    const view = buildDiffView(loadRun(originFile), loadRun(forkFile), { fileA: originFile, fileB: forkFile })

    const cli = await tine(tempDir, ['diff', '--json', originFile, forkFile])
    expect(cli.code, cli.stderr).toBe(0)
    const printed = JSON.parse(cli.stdout) as { common_ancestor: string; drift: Record<string, string[]> }

    expect(printed.common_ancestor).toBe(view.commonAncestor)
    expect(printed.common_ancestor).toBe(point)
    expect(printed.drift.only_replay).toHaveLength(view.summary.added)
    expect(printed.drift.only_source).toHaveLength(view.summary.removed)
    // Every drift line names an A step; the changed pairs are exactly the non-missing ones.
    const changedShorts = new Set(
      [...printed.drift.structural, ...printed.drift.accounting]
        .filter((line) => !/ (missing|added)$/.test(line))
        .map((line) => line.split(' ')[0])
    )
    expect(changedShorts.size).toBe(view.summary.changed)
    expect(view.summary.changed).toBeGreaterThan(0)
    const oneSided = (states: Record<string, string>, state: string) =>
      new Set(
        Object.keys(states)
          .filter((id) => states[id] === state)
          .map(short)
      )
    expect(new Set(printed.drift.only_source)).toEqual(oneSided(view.stepsA, 'only-a'))
    expect(new Set(printed.drift.only_replay)).toEqual(oneSided(view.stepsB, 'only-b'))
  })
})
