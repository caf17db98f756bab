/**
 * A cold diff: two 15,900-step runs (about 11 MiB each, sharing 15,000 steps) on disk, never
 * opened before, to the side-by-side diff view the renderer draws. Timed through the app's load
 * pool (worker threads): read, parse and verify both files, pair them, and carry the view over.
 * The floor is reading and JSON.parse-ing both files in this process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { serializeRun } from '../../src-shared/run/save'
import type { DiffView } from '../../src-shared/run/diff/diff-view-model'
import { LoadPool } from '../workers/load-pool'
import { sharedPrefixPair } from './diff'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import { median, MIB } from './timing'
import type { BenchResult, BenchSection } from './types'

export const diffColdSection: BenchSection = {
  name: 'diff-cold',
  description: 'two cold 11 MiB runs on disk to a side-by-side diff view, through the load workers',
  async run(context): Promise<BenchResult> {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-bench-diff-cold-'))
    try {
      const { a, b } = sharedPrefixPair()
      const fileA = path.join(scratch, 'origin.tine')
      const fileB = path.join(scratch, 'retry.tine')
      writeFileSync(fileA, serializeRun(a))
      writeFileSync(fileB, serializeRun(b))
      const bytes = readFileSync(fileA).length + readFileSync(fileB).length
      context.log(`two runs of ${a.stepCount.toLocaleString('en-US')} steps, ${(bytes / MIB).toFixed(1)} MiB together`)
      const repeats = Math.min(context.repeats, 3)
      const cold: number[] = []
      const withBOpen: number[] = []
      const floor: number[] = []
      let differences = 0
      for (let i = 0; i < context.warmup + repeats; i++) {
        // A new pool each time: no run is parsed yet (cold), and its worker starts before the clock.
        const pool = new LoadPool({ log: () => undefined })
        pool.warm()
        await pool.run({ kind: 'entry', file: path.join(scratch, 'missing.tine') }).catch(() => undefined)
        const started = performance.now()
        // Timed to the JSON text on the main side, as the app gets it (the page parses it).
        const text = await pool.runJson({ kind: 'diff', file: fileA, fileB, toolCallsOnly: false })
        const ms = performance.now() - started
        await pool.close()
        differences = (JSON.parse(text.text) as DiffView).differences.length
        // The app's usual case: run B (the fork) is on screen, so its worker holds it parsed.
        const opened = new LoadPool({ log: () => undefined })
        await opened.run({ kind: 'view', file: fileB })
        const openedStarted = performance.now()
        await opened.runJson({ kind: 'diff', file: fileA, fileB, toolCallsOnly: false })
        const openedMs = performance.now() - openedStarted
        await opened.close()
        const floorStarted = performance.now()
        JSON.parse(readFileSync(fileA, 'utf8'))
        JSON.parse(readFileSync(fileB, 'utf8'))
        const floorMs = performance.now() - floorStarted
        if (i >= context.warmup) {
          cold.push(ms)
          withBOpen.push(openedMs)
          floor.push(floorMs)
          context.log(
            `cold diff ${ms.toFixed(0)} ms, with run B open ${openedMs.toFixed(0)} ms (floor ${floorMs.toFixed(0)} ms)`
          )
        }
      }
      const ms = median(cold)
      const floorMs = median(floor)
      return {
        title: 'Cold diff of two 11 MiB runs (files on disk -> the diff view)',
        columns: [
          { key: 'case', label: 'runs' },
          { key: 'mib', label: 'MiB' },
          { key: 'ms', label: 'cold diff ms', digits: 0 },
          { key: 'floorMs', label: 'floor ms', digits: 0 },
          { key: 'ratio', label: 'x floor', digits: 1 },
          { key: 'differences', label: 'differences', digits: 0 }
        ],
        rows: [
          {
            case: `${a.stepCount.toLocaleString('en-US')} vs ${b.stepCount.toLocaleString('en-US')} steps`,
            mib: bytes / MIB,
            ms,
            floorMs,
            ratio: ms / floorMs,
            differences
          },
          {
            case: 'the same with run B already open',
            mib: bytes / MIB,
            ms: median(withBOpen),
            floorMs,
            ratio: median(withBOpen) / floorMs,
            differences
          }
        ],
        goals: [checkGoal('diff-cold', { ms, baselineMs: floorMs })],
        notes: [
          `median of ${repeats} cold diffs, each in a new load pool (worker started before timing, no run parsed)`,
          'timed: the diff request: read + hardened parse + verify of both files, spec §15 pairing and the view, its JSON text on the main thread (passed on as it is; the page parses it)',
          'with run B already open: B was viewed first (untimed), as when a fork on screen is compared with its origin; the pool sends the diff to the worker holding B, so only A is read',
          'floor: reading and JSON.parse of both files in this process, measured in the same rounds',
          machineLoadNote()
        ]
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}
