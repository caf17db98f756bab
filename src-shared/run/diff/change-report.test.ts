// "Reload from disk before writing": another process changes the file between load and write,
// and the report says what it changed. Every case goes through real files.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeDiskChange } from './change-report'
import { forkRun } from '../fork'
import { obj } from '../../tine/json-value'
import { FIXTURES_DIR, REPO_ROOT } from '../../../e2e/kit/paths'
import { loadRun, writeRun } from '../../../e2e/kit/run-files'

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-change-report-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

let counter = 0
function copyOf(source: string): string {
  const target = path.join(tempDir, `${++counter}-${path.basename(source)}`)
  copyFileSync(source, target)
  return target
}

const short = (id: string) => id.slice(0, 12)

describe('describeDiskChange', () => {
  it('reports nothing for an untouched file', async () => {
    const file = copyOf(path.join(REPO_ROOT, 'resources/examples/refactor-paused.tine'))
    const report = describeDiskChange(await loadRun(file), await loadRun(file))
    expect(report).toEqual({
      changed: false,
      addedSteps: [],
      removedSteps: [],
      modifiedSteps: [],
      statusChange: null,
      refsChanged: [],
      metadataChanged: false,
      otherFields: [],
      summary: 'unchanged on disk'
    })
  })

  it('names the steps another writer appended and the status it set', async () => {
    const file = copyOf(path.join(REPO_ROOT, 'resources/examples/refactor-paused.tine'))
    const loaded = await loadRun(file)
    // The other writer: resumes the run and records two steps.
    const other = await loadRun(file)
    other.status = 'running'
    const first = other.addStep({
      kind: 'tool',
      inputs: obj({ name: 'run_shell', arguments: obj({ command: 'npm test' }) }),
      timestamp: 50
    }).id
    const second = other.addStep({ kind: 'think', inputs: obj({ text: 'Tests pass.' }), timestamp: 51 }).id
    await writeRun(file, other)

    const report = describeDiskChange(loaded, await loadRun(file))
    expect(report.changed).toBe(true)
    expect(report.addedSteps).toEqual([first, second])
    expect(report.removedSteps).toEqual([])
    expect(report.modifiedSteps).toEqual([])
    expect(report.statusChange).toEqual({ from: 'paused', to: 'running' })
    expect(report.refsChanged).toEqual(['main'])
    expect(report.metadataChanged).toBe(false)
    expect(report.summary).toBe(
      `2 steps added by another writer (${short(first)}, ${short(second)}), status paused -> running`
    )
  })

  it('sees a pause written by another process, and a step rewritten in place', async () => {
    const file = copyOf(path.join(FIXTURES_DIR, 'gui/.tine_runs/demo-running.tine'))
    const loaded = await loadRun(file)
    const onDisk = await loadRun(file)
    onDisk.status = 'paused'
    await writeRun(file, onDisk)
    const paused = describeDiskChange(loaded, await loadRun(file))
    expect(paused.statusChange).toEqual({ from: 'running', to: 'paused' })
    expect(paused.addedSteps).toEqual([])
    expect(paused.summary).toBe('status running -> paused')

    const other = await loadRun(file)
    const target = other.order[1]
    other.getStep(target)!.outputs = obj({ text: 'rewritten by hand' })
    other.tags = ['reviewed']
    await writeRun(file, other)
    const report = describeDiskChange(loaded, await loadRun(file))
    expect(report.modifiedSteps).toEqual([target])
    expect(report.metadataChanged).toBe(true)
    expect(report.otherFields).toEqual(['tags'])
    expect(report.summary).toBe(`1 step modified (${short(target)}), status running -> paused, tags changed`)
  })

  it('reports removed steps, moved refs, and a file that now holds another run', async () => {
    const source = path.join(REPO_ROOT, 'resources/examples/research-agent.tine')
    const file = copyOf(source)
    const loaded = await loadRun(file)
    // Replaced by a fork of itself: fewer steps, another id, refs fork_point and main.
    const fork = forkRun(loaded, { at: loaded.order[5], mode: 'after', nonce: '', now: 1 })
    await writeRun(file, fork.run)
    const onDisk = await loadRun(file)
    const report = describeDiskChange(loaded, onDisk)
    const dropped = loaded.order.filter((id) => !fork.retained.includes(id))
    expect(report.removedSteps).toEqual(dropped)
    expect(report.addedSteps).toEqual([])
    expect(report.refsChanged).toEqual(['fork_point', 'main'])
    expect(report.otherFields).toContain('run id')
    expect(report.otherFields).toContain('metadata')
    expect(report.summary).toMatch(
      new RegExp(
        `^the file now holds another run \\(${short(onDisk.id)}\\), ${dropped.length} steps removed \\(${dropped.slice(0, 3).map(short).join(', ')}, …\\), status completed -> paused, refs changed \\(fork_point, main\\)`
      )
    )
  })
})
