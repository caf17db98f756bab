/**
 * Checkpoint cost of agent runs: the offline scripted model drives a loop of one tool
 * call per turn, so a run of N steps has N/2 model steps and N/2 tool steps.
 * 1. Recording overhead per step for a 2,000-step run: the same loop with the journal checkpoint
 *    store vs with checkpointing off.
 * 2. Total time spent checkpointing at 500, 1,000 and 2,000 steps, for the journal (append a
 *    line, fold geometrically) and for the naive strategy (rewrite the whole file every step).
 *    Doubling the steps should double the journal's total and quadruple the naive one's.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Agent } from '../../src-shared/agents/agent'
import type { CheckpointStore, Tool } from '../../src-shared/agents/types'
import { OfflineScriptedModel, type ScriptEntry } from '../agents/offline-model'
import { JournalCheckpointStore } from '../store/checkpoint-journal'
import { RewriteCheckpointStore } from '../store/checkpoint-rewrite'
import { loadRun } from '../store/run-file'
import { measureInterleavedAsync } from './timing'
import type { BenchContext, BenchResult, BenchSection } from './types'

export const OVERHEAD_STEPS = 2000
export const GROWTH_CASES = [500, 1000, 2000]

const echoTool: Tool = {
  name: 'echo',
  description: 'returns its argument',
  parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  sideEffects: false,
  run: async (args) => ({
    echoed: args.n ?? null,
    note: 'a short result, about the size of a small file listing entry'
  })
}

/** A script whose every turn calls `echo` once; `steps` counts model and tool steps. */
function loopScript(steps: number): ScriptEntry[] {
  return Array.from({ length: Math.floor(steps / 2) }, (_, turn) => ({
    text: turn % 10 === 0 ? `turn ${turn}: still working` : '',
    toolCalls: [{ name: 'echo', arguments: { n: turn } }]
  }))
}

async function runLoop(steps: number, checkpoint: CheckpointStore | undefined): Promise<number> {
  const agent = new Agent({
    model: new OfflineScriptedModel({ script: loopScript(steps), finalText: 'done' }),
    tools: [echoTool],
    checkpoint,
    budget: { maxSteps: steps + 10 }
  })
  const run = await agent.run('run the loop')
  if (run.status !== 'completed') throw new Error(`benchmark run ended ${run.status}`)
  return run.stepCount
}

async function overheadRow(context: BenchContext, dir: string): Promise<Record<string, number | string>> {
  let stepCount = 0
  let store: JournalCheckpointStore | null = null
  let file = ''
  const timings = await measureInterleavedAsync(
    { repeats: Math.max(1, Math.min(context.repeats, 5)), warmup: context.warmup },
    {
      off: () => runLoop(OVERHEAD_STEPS, undefined),
      on: async () => {
        file = path.join(dir, `overhead-${randomUUID()}.tine`)
        store = new JournalCheckpointStore(file)
        stepCount = await runLoop(OVERHEAD_STEPS, store)
      }
    }
  )
  if ((await loadRun(file)).stepCount !== stepCount) throw new Error('the checkpointed run lost steps')
  const { folds, journalLines } = store!.stats
  const offMs = timings.off.medianMs
  const onMs = timings.on.medianMs
  context.log(
    `  ${stepCount} steps: ${offMs.toFixed(0)} ms without checkpoints, ${onMs.toFixed(0)} ms with the journal`
  )
  return {
    case: `${stepCount.toLocaleString('en-US')}-step run`,
    offMs,
    onMs,
    perStepOffMs: offMs / stepCount,
    perStepOnMs: onMs / stepCount,
    overheadPerStepMs: (onMs - offMs) / stepCount,
    folds,
    lines: journalLines
  }
}

async function growthRows(context: BenchContext, dir: string): Promise<Array<Record<string, number | string>>> {
  const rows: Array<Record<string, number | string>> = []
  for (const steps of GROWTH_CASES) {
    const journal = new JournalCheckpointStore(path.join(dir, `journal-${steps}.tine`))
    const naive = new RewriteCheckpointStore(path.join(dir, `naive-${steps}.tine`))
    const stepCount = await runLoop(steps, journal)
    await runLoop(steps, naive)
    context.log(
      `  ${stepCount} steps: journal ${journal.stats.busyMs.toFixed(0)} ms in total, naive rewrite ${naive.busyMs.toFixed(0)} ms`
    )
    rows.push({
      case: `${stepCount.toLocaleString('en-US')} steps`,
      steps: stepCount,
      journalMs: journal.stats.busyMs,
      naiveMs: naive.busyMs,
      journalPerStepMs: journal.stats.busyMs / stepCount,
      naivePerStepMs: naive.busyMs / stepCount,
      folds: journal.stats.folds
    })
  }
  for (let i = 1; i < rows.length; i++) {
    const factor = Number(rows[i].steps) / Number(rows[i - 1].steps)
    rows[i].journalGrowth = Number(rows[i].journalMs) / Number(rows[i - 1].journalMs) / factor
    rows[i].naiveGrowth = Number(rows[i].naiveMs) / Number(rows[i - 1].naiveMs) / factor
  }
  return rows
}

export const checkpointSection: BenchSection = {
  name: 'checkpoint',
  description: 'agent run checkpointing: per-step overhead, and journal vs rewrite-every-step growth',
  async run(context): Promise<BenchResult> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tine-bench-checkpoint-'))
    try {
      const overhead = await overheadRow(context, dir)
      const growth = await growthRows(context, dir)
      const rows = [{ ...overhead, kind: 'overhead' }, ...growth.map((row) => ({ ...row, kind: 'growth' }))]
      return {
        title: 'Checkpointing agent runs (offline model; journal = fsynced line per step + geometric folds)',
        columns: [
          { key: 'case', label: 'run' },
          { key: 'offMs', label: 'no checkpoint ms', digits: 0 },
          { key: 'onMs', label: 'journal ms', digits: 0 },
          { key: 'overheadPerStepMs', label: 'overhead ms/step', digits: 2 },
          { key: 'journalMs', label: 'journal total ms', digits: 0 },
          { key: 'naiveMs', label: 'rewrite total ms', digits: 0 },
          { key: 'journalPerStepMs', label: 'journal ms/step', digits: 2 },
          { key: 'naivePerStepMs', label: 'rewrite ms/step', digits: 2 },
          { key: 'journalGrowth', label: 'journal growth', digits: 2 },
          { key: 'naiveGrowth', label: 'rewrite growth', digits: 2 },
          { key: 'folds', label: 'folds', digits: 0 }
        ],
        rows: rows.map(({ kind: _kind, ...row }) => row),
        notes: [
          `first row: median of ${Math.max(1, Math.min(context.repeats, 5))} rounds of the same ${OVERHEAD_STEPS}-step loop with and without the journal store, in a rotating order (wall time of agent.run and its set-up)`,
          'other rows: total time inside the checkpoint store (every append, fold and the final settle) for one run each',
          '"growth" = (total at this size / total at the previous size) / (step ratio): 1.0 is linear, 2.0 is quadratic',
          "every step is fsynced before the loop moves on, so the per-step cost is dominated by the disk's fsync latency"
        ]
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
