/** A TineApi answering from real files on disk, recording calls, with pushes the test triggers. */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { buildStepDetail, runListItem, trustView } from '../../src-shared/api/run-view'
import { loadRunDigestLater } from '../../src-shared/run/load'
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { walkFiles } from './paths'
import { loadRun, viewOfRun } from './run-files'

export class FakeApi implements TineApi {
  calls: { channel: string; request: unknown }[] = []
  listeners = new Set<(event: PushEvent) => void>()
  /** Resolves held runs.load calls when set; lets a test interleave a reload with other events. */
  hold: Promise<void> | null = null
  /** Serve views as a load worker serves a big run: before the digest, with the trust on request. */
  digestLater = false

  constructor(public folders: string[]) {}

  snapshot(folder: string): FolderSnapshot {
    const runs = walkFiles(folder, '.tine').map((file) => {
      const stat = statSync(file)
      return runListItem(loadRun(file), { file, mtimeMs: stat.mtimeMs, size: stat.size })
    })
    return { folder, singleFile: null, runs, watchMode: 'events' }
  }

  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request })
    const answer = async (): Promise<unknown> => {
      switch (channel) {
        case 'folders.list':
          return this.folders.map((folder) => this.snapshot(folder))
        case 'folders.open': {
          const { paths } = request as RequestOf<'folders.open'>
          for (const p of paths) if (!this.folders.includes(p)) this.folders.push(path.resolve(p))
          return paths.map((p) => this.snapshot(path.resolve(p)))
        }
        case 'folders.close':
          this.folders = this.folders.filter((folder) => folder !== (request as RequestOf<'folders.close'>).folder)
          return this.folders.map((folder) => this.snapshot(folder))
        case 'runs.load': {
          if (this.hold) await this.hold
          const { file } = request as RequestOf<'runs.load'>
          if (!this.folders.some((folder) => file.startsWith(folder)))
            throw new ApiError('forbidden-path', `${file} is outside the opened folders`)
          const view = viewOfRun(loadRun(file), file)
          if (!this.digestLater) return view
          return { ...view, trust: trustView(loadRunDigestLater(readFileSync(file)).run) }
        }
        case 'runs.trust': {
          const { file, mtimeMs, size } = request as RequestOf<'runs.trust'>
          const view = viewOfRun(loadRun(file), file)
          return view.mtimeMs === mtimeMs && view.size === size ? view.trust : null
        }
        case 'runs.step': {
          const { file, stepId } = request as RequestOf<'runs.step'>
          const detail = buildStepDetail(loadRun(file), stepId)
          if (!detail) throw new ApiError('not-found', `no step ${stepId}`)
          return detail
        }
        case 'app.info':
          return { version: '0.0.0-test', mode: 'browser', platform: 'linux' }
      }
      throw new ApiError('unknown-channel', channel)
    }
    return (await answer()) as ResponseOf<C>
  }

  onEvent(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  push(event: PushEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  count(channel: string): number {
    return this.calls.filter((call) => call.channel === channel).length
  }
}
