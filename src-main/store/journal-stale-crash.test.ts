/**
 * A crash between saving a checkpoint and deleting its journal leaves both on disk: the new file
 * and the journal lines written before it, bound to the older saved state. Those lines must not
 * move refs.main back, so the resumed run continues from the step the file saved last.
 */
import { copyFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import path from 'node:path'
import { Agent } from '../../src-shared/agents/agent'
import type { CheckpointStore, Tool } from '../../src-shared/agents/types'
import type { Run } from '../../src-shared/run/run'
import type { Step } from '../../src-shared/run/types'
import { obj, type JsonObject } from '../../src-shared/tine/json-value'
import { JournalCheckpointStore } from './checkpoint-journal'
import { journalPathFor, readJournal } from './journal'
import { recoverRunDetailed } from './journal-recover'
import { loadRun } from './run-file'
import { tempDir } from '../../e2e/kit/agent-disk'
import { CountingProvider, call, steppingClock } from '../../src-shared/agents/testing/fakes'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir('tine-stale-journal-')))
afterEach(() => cleanup())

const lookup: Tool = {
  name: 'lookup',
  description: 'read-only lookup',
  parameters: { type: 'object' },
  sideEffects: false,
  run: async (args: JsonObject) => obj({ found: args.q ?? null })
}

/** Looks something up on each of the first `turns` turns, then answers. */
function model(turns: number): CountingProvider {
  return new CountingProvider((_request, turn) =>
    turn < turns
      ? { text: `turn ${turn}`, toolCalls: [call('lookup', { q: `q${turn}` }, `c${turn}`)] }
      : { text: 'done' }
  )
}

class Crashed extends Error {}

/**
 * The real journal store, until the save that brings the file to `crashAtSteps` steps: that save
 * completes, the journal it should delete is put back as it was, and the process "dies" (nothing
 * after it reaches the disk).
 */
class CrashAfterSave implements CheckpointStore {
  private readonly inner: JournalCheckpointStore
  private dead = false

  constructor(
    private readonly file: string,
    private readonly crashAtSteps: number
  ) {
    this.inner = new JournalCheckpointStore(file)
  }

  async stepCompleted(run: Run, step: Step): Promise<void> {
    if (this.dead) throw new Crashed()
    if (run.stepCount !== this.crashAtSteps) return this.inner.stepCompleted(run, step)
    const journal = journalPathFor(this.file)
    const leftover = `${journal}.before-save`
    await copyFile(journal, leftover)
    await this.inner.stepCompleted(run, step)
    expect(existsSync(journal), 'this step is a save that deletes the journal').toBe(false)
    await copyFile(leftover, journal)
    await rm(leftover)
    this.dead = true
    throw new Crashed()
  }

  async toolStarting(): Promise<void> {
    if (this.dead) throw new Crashed()
  }

  async settle(): Promise<void> {
    // The process is gone: nothing more is written.
  }
}

describe('a crash between saving a checkpoint and deleting its journal', () => {
  it('leaves stale journal lines that do not move refs.main; the resumed run continues from the saved tip', async () => {
    const file = path.join(dir, 'run.tine')
    // Saves land at 1, 2, 4 and 8 steps; steps 5 to 7 are journal lines bound to the 4-step save.
    await new Agent({ model: model(6), tools: [lookup], checkpoint: new CrashAfterSave(file, 8), now: steppingClock() })
      .run('look things up')
      .catch(() => undefined)

    const saved = await loadRun(file)
    expect(saved.stepCount).toBe(8)
    const { entries } = await readJournal(journalPathFor(file))
    expect(entries.length, 'the journal the save should have deleted is still there').toBe(3)
    const staleTip = (entries[entries.length - 1].fields as JsonObject).refs as JsonObject
    expect(staleTip.main).not.toBe(saved.refs.main)

    const recovered = await recoverRunDetailed(file)
    expect(recovered.replayedEntries).toBe(0)
    expect(recovered.run.refs.main).toBe(saved.refs.main)
    expect(recovered.run.order).toEqual(saved.order)

    const resumed = await new Agent({
      model: model(6),
      tools: [lookup],
      checkpoint: new JournalCheckpointStore(file),
      now: steppingClock(1_900_000_000)
    }).continueRun(recovered.run)
    expect(resumed.status).toBe('completed')
    const firstNew = resumed.getStep(resumed.order[saved.stepCount])!
    expect(firstNew.parentIds).toEqual([saved.refs.main])
    expect(resumed.order.slice(0, saved.stepCount)).toEqual(saved.order)
    const onDisk = await loadRun(file)
    expect(onDisk.getStep(onDisk.order[saved.stepCount])!.parentIds).toEqual([saved.refs.main])
    expect(existsSync(journalPathFor(file))).toBe(false)
  })
})
