/**
 * runs.fork through the real service on copies of the example runs: "Retry this step" and
 * "Branch after this step" write a new, oracle-valid file beside the source, keep the source
 * byte-identical, never overwrite, and refuse runs whose digest does not verify.
 */
import { createHash } from 'node:crypto'
import { cpSync, promises as fs, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ForkResultView } from '../../../src-shared/api/action-types'
import type { FolderSnapshot } from '../../../src-shared/api/types'
import { createApiService } from '../service'
import {
  closureOf,
  openExamples,
  oracleVerdict,
  rawRun,
  recordEvents,
  type OpenedExamples
} from '../../testing/actions-support'
import { errorCode, tempFolder } from '../../testing/support'
import { EXAMPLES_DIR, writeTampered } from '../../../e2e/kit/run-files'

let opened: OpenedExamples
let source: string

beforeAll(async () => {
  opened = await openExamples('tine-fork-', (runsDir) =>
    writeTampered(path.join(runsDir, 'research-agent.tine'), path.join(runsDir, 'tampered.tine'))
  )
  source = path.join(opened.runsDir, 'research-agent.tine')
})

afterAll(() => opened.service.close())

function fork(request: Record<string, unknown>): Promise<ForkResultView> {
  return opened.service.dispatch('runs.fork', request) as Promise<ForkResultView>
}

/** A step with a parent, past the middle of the run, so a retry keeps a real prefix. */
function midStep(raw: any): string {
  const order: string[] = raw.graph.order
  return order.slice(Math.floor(order.length / 2)).find((id) => raw.graph.steps[id].parent_ids.length > 0)!
}

describe('runs.fork', () => {
  test('"Retry this step" writes a valid fork holding the step\'s ancestors, and the source stays byte-identical', async () => {
    const before = readFileSync(source)
    const raw = rawRun(source)
    const step = midStep(raw)
    const parents: string[] = raw.graph.steps[step].parent_ids
    const recorder = recordEvents(opened.service)

    const result = await fork({ file: source, stepId: step, mode: 'before' })

    expect(path.dirname(result.file)).toBe(opened.runsDir)
    expect(path.basename(result.file)).toBe(`${result.runId}.tine`)
    expect(oracleVerdict(result.file)).toMatchObject({ ok: true })
    expect(readFileSync(source).equals(before)).toBe(true)
    const written = rawRun(result.file)
    const point = parents[parents.length - 1]
    expect(result.forkPoint).toBe(point)
    expect(new Set(written.graph.order)).toEqual(closureOf(raw, point))
    expect(written.graph.order).not.toContain(step)
    expect(result.retained).toBe(written.graph.order.length)
    expect(written.metadata.forked_from).toBe(raw.run_id)
    expect(written.metadata.fork_point).toBe(point)
    expect(written.refs.fork_point).toBe(point)
    // The new run is listed without anyone asking for it.
    const event = await recorder.waitFor((event) => event.kind === 'add' && event.file === result.file)
    recorder.stop()
    expect(event.kind === 'add' && event.run.forkedFrom).toBe(raw.run_id)
  })

  test('"Branch after this step" keeps the step, records branch and reason, and lists the fork', async () => {
    const before = readFileSync(source)
    const raw = rawRun(source)
    const step = midStep(raw)
    const reason = 'the search query was too narrow'

    const result = await fork({ file: source, stepId: step, mode: 'after', branch: 'wider-search', reason })

    expect(oracleVerdict(result.file)).toMatchObject({ ok: true })
    expect(readFileSync(source).equals(before)).toBe(true)
    const written = rawRun(result.file)
    expect(result.forkPoint).toBe(step)
    expect(new Set(written.graph.order)).toEqual(closureOf(raw, step))
    expect(written.refs['wider-search']).toBe(step)
    expect(written.metadata.fork.branch).toBe('wider-search')
    // Spec §9.2: the reason is the fork intent {"reason": text}, hashed in the fork record.
    const intent = createHash('sha256').update(JSON.stringify({ reason })).digest('hex')
    expect(written.metadata.fork.intent).toBe(intent)
    expect(written.metadata.fork_reason).toBe(reason)
    const view = (await opened.service.dispatch('runs.load', { file: result.file })) as {
      forkReason: string
      forkPoint: string
    }
    expect(view).toMatchObject({ forkReason: reason, forkPoint: step })
  })

  test('forking the same step twice gives two distinct files, never an overwrite', async () => {
    const step = midStep(rawRun(source))
    const first = await fork({ file: source, stepId: step, mode: 'after' })
    const firstBytes = readFileSync(first.file)
    const second = await fork({ file: source, stepId: step, mode: 'after' })
    expect(second.runId).not.toBe(first.runId)
    expect(second.file).not.toBe(first.file)
    expect(readFileSync(first.file).equals(firstBytes)).toBe(true)
    expect(oracleVerdict(second.file)).toMatchObject({ ok: true })
    expect(rawRun(second.file).graph.order).toEqual(rawRun(first.file).graph.order)
  })

  test('a file whose digest does not verify is refused read-only, and nothing is written', async () => {
    const tampered = path.join(opened.runsDir, 'tampered.tine')
    const filesBefore = readdirSync(opened.runsDir).sort()
    const step = rawRun(tampered).graph.order[1]
    expect(await errorCode(fork({ file: tampered, stepId: step, mode: 'after' }))).toBe('read-only')
    await expect(fork({ file: tampered, stepId: step, mode: 'after' })).rejects.toThrow(/integrity/)
    expect(readdirSync(opened.runsDir).sort()).toEqual(filesBefore)
  })

  test("with the user's explicit override a tampered file is forked, and the fork records it (status too)", async () => {
    const tampered = path.join(opened.runsDir, 'tampered.tine')
    const before = readFileSync(tampered)
    const step = rawRun(tampered).graph.order[1]
    const result = await fork({ file: tampered, stepId: step, mode: 'after', overrideIntegrity: true })
    const written = rawRun(result.file)
    expect(written.metadata.warnings).toEqual([
      { kind: 'integrity-override', action: 'fork', reason: 'digest mismatch', source_run: rawRun(tampered).run_id }
    ])
    expect(oracleVerdict(result.file)).toMatchObject({ ok: false })
    const view = (await opened.service.dispatch('runs.load', { file: result.file })) as {
      trust: { integrity: string; integrityOverrides: unknown[]; stepIdMismatches: number }
    }
    expect(view.trust.integrity).toBe('ok')
    expect(view.trust.integrityOverrides).toEqual([
      { action: 'fork', reason: 'digest mismatch', sourceRun: rawRun(tampered).run_id }
    ])
    expect(view.trust.stepIdMismatches).toBe(1)
    expect(readFileSync(tampered).equals(before)).toBe(true)
    // A fork of that fork still says where its content came from.
    const again = await fork({ file: result.file, stepId: step, mode: 'after' })
    expect(rawRun(again.file).metadata.warnings).toEqual(written.metadata.warnings)
  })

  test('bad requests: a root step cannot be retried, unknown steps and paths outside the folders are refused', async () => {
    const raw = rawRun(source)
    const root = raw.graph.order.find((id: string) => raw.graph.steps[id].parent_ids.length === 0)
    expect(await errorCode(fork({ file: source, stepId: root, mode: 'before' }))).toBe('bad-request')
    expect(await errorCode(fork({ file: source, stepId: 'f'.repeat(64), mode: 'after' }))).toBe('bad-request')
    expect(
      await errorCode(fork({ file: path.join(EXAMPLES_DIR, 'research-agent.tine'), stepId: root, mode: 'after' }))
    ).toBe('forbidden-path')
    expect(await errorCode(fork({ file: source, stepId: root, mode: 'after', branch: 'has space' }))).toBe(
      'bad-request'
    )
  })
})

describe('runs.fork of a file opened on its own', () => {
  test('the fork is written beside it and opened too', async () => {
    const folder = tempFolder('tine-fork-single-')
    const single = path.join(folder, 'incident-merge.tine')
    cpSync(path.join(EXAMPLES_DIR, 'incident-merge.tine'), single)
    const service = createApiService({ mode: 'browser', cacheDir: tempFolder('tine-cache-'), version: 'test' })
    try {
      await service.openPaths([single])
      const step = rawRun(single).graph.order[2]
      const result = (await service.dispatch('runs.fork', {
        file: single,
        stepId: step,
        mode: 'after'
      })) as ForkResultView
      expect(path.dirname(result.file)).toBe(folder)
      expect(oracleVerdict(result.file)).toMatchObject({ ok: true })
      const listed = ((await service.dispatch('folders.list', {})) as FolderSnapshot[]).flatMap((snapshot) =>
        snapshot.runs.map((run) => run.file)
      )
      expect(listed).toEqual(expect.arrayContaining([single, result.file]))
      await expect(fs.access(result.file)).resolves.toBeUndefined()
    } finally {
      await service.close()
    }
  })
})
