/**
 * Runs that arrive as bytes (a file dropped onto the page in browser mode) and runs that leave as
 * data (a standalone HTML export). A dropped run is checked, kept as a read-only copy in the app's
 * cache folder, opened on its own, and saved into a real folder only when the user asks.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { type RequestOf, type RunExportData } from '../../../src-shared/api/contract'
import { buildRunView, buildStepDetail } from '../../../src-shared/api/run-view'
import type { RunView, StepDetail, TrustView } from '../../../src-shared/api/types'
import { loadRunFromBytes } from '../../../src-shared/run/load'
import { TargetExistsError, writeFileAtomic } from '../../store/atomic-write'
import type { FolderRegistry } from '../folder-registry'
import { confinedRunFile } from '../path-guard'
import { readRunOnDisk } from './run-on-disk'
import { messageOf } from '../../../src-shared/tine/errors'
import { ApiError } from '../../../src-shared/api/api-error'
import { DROPPED_COPY_REASON } from '../../../src-shared/api/dropped-copy'

export interface DroppedContext {
  registry: FolderRegistry
  /** Where dropped copies are kept (inside the app's cache folder). */
  importDir: string
  openPaths(paths: string[]): Promise<unknown>
}

/** The dropped file's own name, made safe for one path segment and ending in .tine. */
export function safeRunName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
  const stem = base.replace(/\.tine$/i, '') || 'dropped-run'
  return `${stem}.tine`
}

export function isDroppedCopy(importDir: string, file: string): boolean {
  const relative = path.relative(importDir, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** A dropped copy's view says it is read-only, so the renderer offers no write action on it. */
export function markDropped(importDir: string, view: RunView): RunView {
  const trust = markDroppedTrust(importDir, view.file, view.trust)
  return trust === view.trust ? view : { ...view, trust }
}

export function markDroppedTrust(importDir: string, file: string, trust: TrustView): TrustView {
  if (!isDroppedCopy(importDir, file) || trust.readOnlyReason) return trust
  return { ...trust, readOnlyReason: DROPPED_COPY_REASON }
}

export async function importAction(
  context: DroppedContext,
  request: RequestOf<'runs.import'>
): Promise<{ file: string }> {
  const bytes = Buffer.from(request.base64, 'base64')
  try {
    loadRunFromBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length))
  } catch (error) {
    throw new ApiError('unreadable', `${request.name.slice(0, 200)}: ${messageOf(error)}`)
  }
  // One folder per content: dropping the same file twice opens the same copy.
  const folder = path.join(context.importDir, createHash('sha256').update(bytes).digest('hex').slice(0, 16))
  const file = path.join(folder, safeRunName(request.name))
  await fs.mkdir(folder, { recursive: true })
  try {
    await writeFileAtomic(file, bytes, { exclusive: true })
  } catch (error) {
    if (!(error instanceof TargetExistsError))
      throw new ApiError('write-failed', `cannot keep the dropped file: ${messageOf(error)}`)
  }
  await context.openPaths([file])
  return { file }
}

export async function saveCopyAction(
  context: DroppedContext,
  request: RequestOf<'runs.saveCopy'>
): Promise<{ file: string }> {
  const source = await confinedRunFile(context.registry, request.file)
  if (!isDroppedCopy(context.importDir, source))
    throw new ApiError('bad-request', 'only a dropped copy is saved this way')
  const folder = path.resolve(request.folder)
  const opened = context.registry.snapshots().some((snapshot) => !snapshot.singleFile && snapshot.folder === folder)
  if (!opened) throw new ApiError('forbidden-path', `${folder.slice(0, 300)} is not an opened folder`)
  const target = path.join(folder, path.basename(source))
  try {
    await writeFileAtomic(target, await fs.readFile(source), { exclusive: true })
  } catch (error) {
    if (error instanceof TargetExistsError)
      throw new ApiError('conflict', `${target} already exists; nothing was written`)
    throw new ApiError('write-failed', `cannot write ${target}: ${messageOf(error)}`)
  }
  return { file: target }
}

export async function exportDataAction(
  context: DroppedContext,
  request: RequestOf<'runs.exportData'>
): Promise<RunExportData> {
  const file = await confinedRunFile(context.registry, request.file)
  const { run, stamp } = await readRunOnDisk(file)
  const steps: StepDetail[] = []
  for (const step of run.steps) {
    const detail = buildStepDetail(run, step.id)
    if (detail) steps.push(detail)
  }
  return { view: markDropped(context.importDir, buildRunView(run, stamp)), steps }
}
