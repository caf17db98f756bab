/** The renderer's diff slice shows the numbers `tine diff --json` (the real bin) prints for the same two files. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tine } from '../../src-main/testing/cli-harness'
import { createTineStore } from '../../src-renderer/store/store'
import { connectClient } from '../../src-renderer/testing/connect-client'
import { DiffFakeApi } from '../../src-renderer/testing/diff-fake-api'
import { EXAMPLES_DIR } from '../kit/run-files'

const dir = mkdtempSync(path.join(os.tmpdir(), 'tine-diff-slice-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('diff slice', () => {
  it('loads the pairing with numbers that match `tine diff --json`', async () => {
    const fileA = path.join(dir, 'research-agent.tine')
    const fileB = path.join(dir, 'research-agent-retry.tine')
    copyFileSync(path.join(EXAMPLES_DIR, 'research-agent.tine'), fileA)
    copyFileSync(path.join(EXAMPLES_DIR, 'research-agent-retry.tine'), fileB)
    const store = createTineStore()
    connectClient(new DiffFakeApi([dir]), store)
    await store.getState().openDiff(fileA, fileB)
    const view = store.getState().diffView!

    const result = await tine(dir, ['diff', fileA, fileB, '--json'])
    expect(result.code, result.stderr).toBe(0)
    const cli = JSON.parse(result.stdout)
    const changedIds = new Set<string>(
      (cli.drift.structural as string[])
        .filter((line) => !/ (missing|added)$/.test(line))
        .map((line) => line.split(' ')[0])
    )
    expect(view.summary.added).toBe(cli.drift.only_replay.length)
    expect(view.summary.removed).toBe(cli.drift.only_source.length)
    expect(view.summary.changed).toBe(changedIds.size)
    expect(view.commonAncestor).toBe(cli.common_ancestor)
    expect(view.summary.changed).toBeGreaterThan(0)
  })
})
