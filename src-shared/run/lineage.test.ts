// Fork lineage from real files: forks made with the core and saved to disk, the GUI fixtures,
// and crafted entries whose forked_from links loop.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { forkRun } from './fork'
import { buildLineage, familyOf, originOf, type LineageEntry, type LineageNode } from './lineage'
import type { Run } from './run'
import { FIXTURES_DIR, REPO_ROOT } from '../../e2e/kit/paths'
import { loadRun, writeRun } from '../../e2e/kit/run-files'

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'tine-lineage-'))
afterAll(() => rmSync(tempDir, { recursive: true, force: true }))

function entryOf(run: Run, file: string): LineageEntry {
  const text = (key: string) => (typeof run.metadata[key] === 'string' ? (run.metadata[key] as string) : null)
  return {
    runId: run.id,
    file,
    forkedFrom: text('forked_from'),
    forkPoint: text('fork_point'),
    createdAt: run.createdAt,
    status: run.status
  }
}

async function entriesIn(dir: string): Promise<LineageEntry[]> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.tine'))
  return Promise.all(files.map(async (name) => entryOf(await loadRun(path.join(dir, name)), path.join(dir, name))))
}

/** Every node once, depth first. */
function flatten(forest: readonly LineageNode[]): LineageNode[] {
  const out: LineageNode[] = []
  const stack = [...forest].reverse()
  while (stack.length) {
    const node = stack.pop()!
    out.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i])
  }
  return out
}

const shape = (node: LineageNode): unknown => [path.basename(node.file), node.children.map(shape)]

const entry = (runId: string, forkedFrom: string | null, createdAt: number): LineageEntry => ({
  runId,
  file: `/runs/${runId}-${createdAt}.tine`,
  forkedFrom,
  forkPoint: forkedFrom ? 'p' : null,
  createdAt,
  status: 'paused'
})

describe('buildLineage', () => {
  it('builds the family tree of a run and its forks saved to disk', async () => {
    const folder = path.join(tempDir, 'family')
    const origin = await loadRun(path.join(REPO_ROOT, 'resources/examples/research-agent.tine'))
    await writeRun(path.join(folder, 'origin.tine'), origin)
    const retry = forkRun(origin, { at: origin.order[7], mode: 'before', now: origin.createdAt + 10 })
    const branch = forkRun(origin, { at: origin.order[3], mode: 'after', now: origin.createdAt + 20 })
    const grandchild = forkRun(retry.run, { at: retry.forkPoint, mode: 'after', now: origin.createdAt + 30 })
    await writeRun(path.join(folder, 'retry.tine'), retry.run)
    await writeRun(path.join(folder, 'branch.tine'), branch.run)
    await writeRun(path.join(folder, 'grandchild.tine'), grandchild.run)
    copyFileSync(path.join(REPO_ROOT, 'resources/examples/release-failed.tine'), path.join(folder, 'unrelated.tine'))

    const entries = await entriesIn(folder)
    const forest = buildLineage(entries)
    const unrelatedAge = entries.find((item) => item.file.endsWith('unrelated.tine'))!.createdAt
    const expectedFamily = [
      'origin.tine',
      [
        ['retry.tine', [['grandchild.tine', []]]],
        ['branch.tine', []]
      ]
    ]
    expect(forest.map(shape)).toEqual(
      unrelatedAge < origin.createdAt
        ? [['unrelated.tine', []], expectedFamily]
        : [expectedFamily, ['unrelated.tine', []]]
    )
    const family = familyOf(forest, path.join(folder, 'grandchild.tine'))!
    expect(path.basename(family.file)).toBe('origin.tine')
    const retryNode = family.children[0]
    expect(retryNode.forkPoint).toBe(retry.forkPoint)
    expect(retryNode.forkedFrom).toBe(origin.id)
    expect(flatten(forest).some((node) => node.missingOrigin || node.cycle)).toBe(false)
    // A fork compares with its origin by default.
    const retryEntry = entries.find((item) => item.file.endsWith('retry.tine'))!
    expect(originOf(entries, retryEntry)?.file).toBe(path.join(folder, 'origin.tine'))
    expect(
      originOf(
        entries,
        entries.find((item) => item.file.endsWith('origin.tine'))!
      )
    ).toBeUndefined()
  })

  it('links the GUI fixtures and marks forks whose origin is not open', async () => {
    const guiFolder = path.join(FIXTURES_DIR, 'gui/.tine_runs')
    const entries = await entriesIn(guiFolder)
    const forest = buildLineage(entries)
    const failed = forest.find((node) => node.runId === 'demo-failed')!
    expect(failed.children.map((node) => node.runId).sort()).toEqual(
      entries
        .filter((item) => item.forkedFrom === 'demo-failed')
        .map((item) => item.runId)
        .sort()
    )
    expect(failed.children.length).toBe(2)
    expect(flatten(forest)).toHaveLength(entries.length)

    const withoutOrigin = buildLineage(entries.filter((item) => item.runId !== 'demo-failed'))
    const orphans = withoutOrigin.filter((node) => node.missingOrigin)
    expect(orphans.map((node) => node.forkedFrom)).toEqual(['demo-failed', 'demo-failed'])
    expect(withoutOrigin.filter((node) => !node.missingOrigin).every((node) => node.forkedFrom === null)).toBe(true)
  })

  it('cuts forked_from loops at their oldest run and keeps every entry', () => {
    const loop = [
      entry('x', 'z', 3),
      entry('y', 'x', 1),
      entry('z', 'y', 2),
      entry('tail', 'z', 4),
      entry('self', 'self', 5)
    ]
    const forest = buildLineage(loop)
    expect(forest.map((node) => [node.runId, node.cycle ?? false])).toEqual([
      ['y', true],
      ['self', true]
    ])
    expect(forest[0].children.map((node) => node.runId)).toEqual(['z'])
    expect(forest[0].children[0].children.map((node) => node.runId)).toEqual(['x', 'tail'])
    expect(
      flatten(forest)
        .map((node) => node.runId)
        .sort()
    ).toEqual(['self', 'tail', 'x', 'y', 'z'])
    expect(forest[1].children).toEqual([])
  })

  it('hangs forks under the oldest copy of a run, survives hostile ages, and handles deep chains', () => {
    const copies = [
      entry('a', null, 5),
      entry('a', null, 1),
      entry('b', 'a', 6),
      { ...entry('c', 'a', 7), createdAt: Number.NaN }
    ]
    const forest = buildLineage(copies)
    expect(forest.map((node) => [node.runId, node.createdAt, node.children.map((child) => child.runId)])).toEqual([
      ['a', 1, ['c', 'b']],
      ['a', 5, []]
    ])
    const chain: LineageEntry[] = []
    for (let i = 0; i < 20_000; i++) chain.push(entry(`r${i}`, i ? `r${i - 1}` : null, i))
    chain[0].forkedFrom = 'r19999'
    const deep = buildLineage(chain)
    expect(deep).toHaveLength(1)
    expect(deep[0].runId).toBe('r0')
    expect(deep[0].cycle).toBe(true)
    expect(flatten(deep)).toHaveLength(20_000)
  })
})
