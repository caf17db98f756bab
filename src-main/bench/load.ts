/**
 * Load + verify throughput: loadRunFromBytes (hardened parse, integrity digest verdict, shape
 * checks, Run construction) on generated runs, against a floor measured on the same bytes in
 * the same process: JSON.parse plus node:crypto SHA-256 of the file. The floor does none of the
 * work the spec requires (int/float kinds, duplicate keys, canonical re-encoding), so the ratio
 * says what that work costs.
 */
import { createHash } from 'node:crypto'
import '../store/node-hash'
import { loadRunFromBytes } from '../../src-shared/run/load'
import { canonicalTextDigest } from '../../src-shared/tine/canonical-text'
import { integrityDigest } from '../../src-shared/tine/integrity'
import type { JsonObject } from '../../src-shared/tine/json-value'
import { parseArtifactBytes, parseArtifactBytesWithLayout } from '../../src-shared/tine/parse'
import { generateLargeRunText } from '../examples/generate-large-run'
import { checkGoal } from './goals'
import { machineLoadNote } from './report'
import { MIB, measureInterleaved, medianRatio, mibPerSecond } from './timing'
import type { BenchContext, BenchResult, BenchSection } from './types'

/** 15,900 steps is opentine's documented ceiling for a ~10 MiB run; 100,000 is our stretch goal. */
export const LOAD_CASES = [15_900, 100_000]

function loadCase(steps: number, context: BenchContext): Record<string, number | string> {
  const started = performance.now()
  const bytes = new TextEncoder().encode(generateLargeRunText({ steps, seed: 1 }))
  context.log(
    `generated ${steps.toLocaleString('en-US')} steps (${(bytes.length / MIB).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`
  )

  const run = loadRunFromBytes(bytes)
  if (run.stepCount !== steps || run.provenance.integrity?.ok !== true) {
    throw new Error(
      `load of the generated ${steps}-step run is wrong: ${run.stepCount} steps, integrity ${run.provenance.integrity?.reason}`
    )
  }
  const decoder = new TextDecoder()
  const parsed = parseArtifactBytesWithLayout(bytes)
  const layout = parsed.canonical
  if (!layout) throw new Error(`the generated ${steps}-step run is not canonical text`)
  const document = parsed.value as JsonObject
  const timings = measureInterleaved(context, {
    baseline: () => {
      JSON.parse(decoder.decode(bytes))
      return createHash('sha256').update(bytes).digest('hex')
    },
    ours: () => loadRunFromBytes(bytes),
    parse: () => parseArtifactBytes(bytes),
    digest: () => canonicalTextDigest(bytes, layout),
    reencoded: () => integrityDigest(document)
  })
  const { baseline, ours, parse, digest, reencoded } = timings
  context.log(
    `  load+verify ${ours.samplesMs.map((ms) => ms.toFixed(0)).join(' ')} ms; baseline ${baseline.samplesMs.map((ms) => ms.toFixed(0)).join(' ')} ms`
  )
  return {
    case: `${steps.toLocaleString('en-US')} steps`,
    steps,
    bytes: bytes.length,
    mib: bytes.length / MIB,
    loadMs: ours.medianMs,
    loadMibPerSec: mibPerSecond(bytes.length, ours.medianMs),
    parseMs: parse.medianMs,
    digestMs: digest.medianMs,
    reencodedMs: reencoded.medianMs,
    baselineMs: baseline.medianMs,
    baselineMibPerSec: mibPerSecond(bytes.length, baseline.medianMs),
    ratio: medianRatio(ours, baseline)
  }
}

export const loadSection: BenchSection = {
  name: 'load',
  description: 'load + verify of generated runs vs JSON.parse + SHA-256 of the same bytes',
  run(context): BenchResult {
    const rows = LOAD_CASES.map((steps) => loadCase(steps, context))
    return {
      title: 'Load + verify (loadRunFromBytes: hardened parse, digest verdict, shape checks)',
      columns: [
        { key: 'case', label: 'run' },
        { key: 'mib', label: 'MiB' },
        { key: 'loadMs', label: 'load+verify ms', digits: 0 },
        { key: 'loadMibPerSec', label: 'MiB/s' },
        { key: 'parseMs', label: 'parse ms', digits: 0 },
        { key: 'digestMs', label: 'digest ms', digits: 0 },
        { key: 'reencodedMs', label: 're-encoded digest ms', digits: 0 },
        { key: 'baselineMs', label: 'baseline ms', digits: 0 },
        { key: 'baselineMibPerSec', label: 'baseline MiB/s' },
        { key: 'ratio', label: 'x baseline', digits: 2 }
      ],
      rows,
      goals: rows.map((row) =>
        checkGoal(`load-${row.steps}`, {
          ms: Number(row.loadMs),
          baselineMs: Number(row.baselineMs),
          ratio: Number(row.ratio)
        })
      ),
      notes: [
        `median of ${context.repeats} rounds after ${context.warmup} warm-up round(s); the tasks alternate within each round`,
        'baseline = JSON.parse + node:crypto SHA-256 of the same bytes; "x baseline" = median of the per-round ratios',
        'parse and digest are the two largest parts of load+verify, each timed alone; the digest is read from the canonical text (what load does for files opentine wrote), "re-encoded" is the canonical writer it replaces there',
        machineLoadNote()
      ]
    }
  }
}
