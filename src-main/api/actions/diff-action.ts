/**
 * runs.diff and runs.stepPair: both runs are parsed by one load worker (the one of run A), which
 * keeps them, so clicking through the pairs of a diff parses nothing again. The answers pass on
 * as the worker's JSON text.
 */
import type { RequestOf, ResponseOf } from '../../../src-shared/api/contract'
import type { FolderRegistry } from '../folder-registry'
import type { LoadPool } from '../../workers/load-pool'
import type { WireJson } from '../../workers/wire-json'
import { confinedRunFile } from '../path-guard'

export interface DiffContext {
  registry: FolderRegistry
  pool: LoadPool
}

export async function diffAction(
  context: DiffContext,
  request: RequestOf<'runs.diff'>
): Promise<WireJson<ResponseOf<'runs.diff'>>> {
  const fileA = await confinedRunFile(context.registry, request.fileA)
  const fileB = await confinedRunFile(context.registry, request.fileB)
  return context.pool.runJson({ kind: 'diff', file: fileA, fileB, toolCallsOnly: request.toolCallsOnly ?? false })
}

export async function stepPairAction(
  context: DiffContext,
  request: RequestOf<'runs.stepPair'>
): Promise<WireJson<ResponseOf<'runs.stepPair'>>> {
  const fileA = await confinedRunFile(context.registry, request.fileA)
  const fileB = await confinedRunFile(context.registry, request.fileB)
  return context.pool.runJson({ kind: 'stepPair', file: fileA, fileB, stepA: request.stepA, stepB: request.stepB })
}
