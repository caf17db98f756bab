import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeExamples } from './make-examples'
import { loadRun } from '../store/run-file'
import { diffRuns } from '../../src-shared/run/diff/diff'
import { ORACLE, REPO_ROOT } from '../../e2e/kit/paths'

const first = mkdtempSync(path.join(os.tmpdir(), 'tine-examples-a-'))
const second = mkdtempSync(path.join(os.tmpdir(), 'tine-examples-b-'))
afterAll(() => {
  rmSync(first, { recursive: true, force: true })
  rmSync(second, { recursive: true, force: true })
})

describe('example runs (src-main/examples/make-examples.ts)', () => {
  it('generates files the oracle accepts, byte-identical on every run', async () => {
    const files = await writeExamples(first)
    await writeExamples(second)
    const names = readdirSync(first).sort()
    expect(names).toEqual(files.map((file) => path.basename(file)).sort())
    for (const name of names)
      expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(first, name))), name).toBe(true)
    const report = execFileSync('python3', [ORACLE, first], { encoding: 'utf8' })
    expect(report.split('\n').filter((line) => line.startsWith('OK '))).toHaveLength(names.length)
    expect(report).toContain('research-agent-retry.tine  v2 digest=OK')
    expect(report).toMatch(/research-agent-retry\.tine .* fork=act-id OK/)
  })

  it('covers the promised shapes: completed, failed, paused, a fork, a merge', async () => {
    const load = (name: string) => loadRun(path.join(first, name))
    const research = await load('research-agent.tine')
    expect(research.status).toBe('completed')
    expect(research.stepCount).toBeGreaterThanOrEqual(20)
    expect(research.steps.some((step) => step.kind === 'tool' && step.toolInfo.name === 'web_search')).toBe(true)
    expect(research.steps.some((step) => step.usage && step.billing && step.cost > 0)).toBe(true)
    expect(research.transcript.length).toBe(research.stepCount + 1)

    const failed = await load('release-failed.tine')
    expect(failed.status).toBe('failed')
    expect(failed.steps.some((step) => step.kind === 'error')).toBe(true)
    expect((await load('refactor-paused.tine')).status).toBe('paused')
    const merge = await load('incident-merge.tine')
    expect(merge.steps.some((step) => step.parentIds.length === 2)).toBe(true)

    const retry = await load('research-agent-retry.tine')
    expect(retry.metadata.forked_from).toBe(research.id)
    expect(retry.refs.retry).toBe(retry.refs.main)
    const diff = diffRuns(research, retry)
    expect(diff.identical).toBe(false)
    expect(diff.commonAncestor).toBe(retry.metadata.fork_point)
    expect(diff.firstDivergence).not.toBeNull()
  })

  it('matches the committed resources/examples when they exist', () => {
    const committed = path.join(REPO_ROOT, 'resources/examples')
    if (!existsSync(committed) || !readdirSync(committed).some((name) => name.endsWith('.tine'))) return
    for (const name of readdirSync(first)) {
      expect(
        readFileSync(path.join(committed, name)).equals(readFileSync(path.join(first, name))),
        `${name} is stale: run npm run examples`
      ).toBe(true)
    }
  })
})
