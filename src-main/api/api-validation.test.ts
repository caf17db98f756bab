/**
 * The API boundary: every request is validated, and a path from the renderer is read only when it
 * is a run file of an opened folder, after `..` and symbolic links are resolved.
 */
import { promises as fs, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHANNELS } from '../../src-shared/api/contract'
import type { FolderSnapshot, RunView } from '../../src-shared/api/types'
import { createApiService, type ApiServiceWithStats } from './service'
import { errorCode, sampleRun, tempFolder } from '../testing/support'
import { writeRun } from '../../e2e/kit/run-files'

let service: ApiServiceWithStats
let opened: string
let outside: string

beforeAll(async () => {
  const root = tempFolder()
  opened = path.join(root, 'opened')
  outside = path.join(root, 'outside')
  await writeRun(path.join(opened, 'inside.tine'), sampleRun('inside-run'))
  await writeRun(path.join(opened, '.tine_runs', 'nested.tine'), sampleRun('nested-run'))
  await writeRun(path.join(outside, 'secret.tine'), sampleRun('secret-run'))
  await fs.writeFile(path.join(opened, 'notes.txt'), 'not a run')
  symlinkSync(path.join(outside, 'secret.tine'), path.join(opened, 'escape.tine'))
  symlinkSync(outside, path.join(opened, 'linked-dir'))
  service = createApiService({ mode: 'browser', cacheDir: path.join(root, 'cache'), version: 'test' })
  await service.openPaths([opened])
})

afterAll(() => service.close())

describe('request validation', () => {
  test('an unknown channel is refused', async () => {
    expect(await errorCode(service.dispatch('fs.readFile', { file: '/etc/passwd' }))).toBe('unknown-channel')
    expect(await errorCode(service.dispatch('__proto__', {}))).toBe('unknown-channel')
  })

  test('malformed payloads are refused with bad-request', async () => {
    expect(await errorCode(service.dispatch('runs.load', {}))).toBe('bad-request')
    expect(await errorCode(service.dispatch('runs.load', { file: 42 }))).toBe('bad-request')
    expect(
      await errorCode(service.dispatch('runs.load', { file: path.join(opened, 'inside.tine'), extra: true }))
    ).toBe('bad-request')
    expect(await errorCode(service.dispatch('runs.step', { file: path.join(opened, 'inside.tine'), stepId: '' }))).toBe(
      'bad-request'
    )
    expect(await errorCode(service.dispatch('folders.open', { paths: [] }))).toBe('bad-request')
    expect(await errorCode(service.dispatch('runs.load', 'not an object'))).toBe('bad-request')
  })

  test('every contract channel is routed', async () => {
    for (const channel of CHANNELS) {
      // An empty request is either valid or refused as bad-request, never as an unknown channel.
      expect(await errorCode(service.dispatch(channel, {}))).not.toBe('unknown-channel')
    }
    const info = (await service.dispatch('app.info', {})) as { version: string; mode: string; platform: string }
    expect(info).toEqual({ version: 'test', mode: 'browser', platform: process.platform })
  })
})

describe('path confinement', () => {
  test('a run inside the opened folder loads, also two folders deep', async () => {
    const view = (await service.dispatch('runs.load', { file: path.join(opened, 'inside.tine') })) as RunView
    expect(view.runId).toBe('inside-run')
    const nested = (await service.dispatch('runs.load', {
      file: path.join(opened, '.tine_runs', 'nested.tine')
    })) as RunView
    expect(nested.runId).toBe('nested-run')
  })

  test('a path outside every opened folder is refused', async () => {
    expect(await errorCode(service.dispatch('runs.load', { file: path.join(outside, 'secret.tine') }))).toBe(
      'forbidden-path'
    )
    expect(
      await errorCode(service.dispatch('runs.step', { file: path.join(outside, 'secret.tine'), stepId: 'x' }))
    ).toBe('forbidden-path')
    expect(await errorCode(service.dispatch('runs.load', { file: '/etc/passwd' }))).toBe('forbidden-path')
  })

  test('`..` segments that climb out are refused', async () => {
    const climbing = `${opened}/../outside/secret.tine`
    expect(await errorCode(service.dispatch('runs.load', { file: climbing }))).toBe('forbidden-path')
    expect(
      await errorCode(service.dispatch('runs.load', { file: `${opened}/.tine_runs/../../outside/secret.tine` }))
    ).toBe('forbidden-path')
  })

  test('symbolic links that lead outside are refused', async () => {
    expect(await errorCode(service.dispatch('runs.load', { file: path.join(opened, 'escape.tine') }))).toBe(
      'forbidden-path'
    )
    expect(
      await errorCode(service.dispatch('runs.load', { file: path.join(opened, 'linked-dir', 'secret.tine') }))
    ).toBe('forbidden-path')
  })

  test('relative paths, non-run files and NUL bytes are refused', async () => {
    expect(await errorCode(service.dispatch('runs.load', { file: 'inside.tine' }))).toBe('forbidden-path')
    expect(await errorCode(service.dispatch('runs.load', { file: path.join(opened, 'notes.txt') }))).toBe(
      'forbidden-path'
    )
    expect(await errorCode(service.dispatch('runs.load', { file: `${path.join(opened, 'inside.tine')}\0.tine` }))).toBe(
      'forbidden-path'
    )
  })

  test('a missing file inside the folder is not-found, an unknown step is unknown-step', async () => {
    expect(await errorCode(service.dispatch('runs.load', { file: path.join(opened, 'gone.tine') }))).toBe('not-found')
    expect(
      await errorCode(service.dispatch('runs.step', { file: path.join(opened, 'inside.tine'), stepId: 'no-such-step' }))
    ).toBe('unknown-step')
  })

  test('the escaping symlink is not listed either', async () => {
    const [snapshot] = (await service.dispatch('folders.list', {})) as FolderSnapshot[]
    expect(snapshot.runs.map((run) => run.run_id).sort()).toEqual(['inside-run', 'nested-run'])
  })

  test('closing the folder withdraws access', async () => {
    const root = tempFolder()
    await writeRun(path.join(root, 'a.tine'), sampleRun('closable'))
    const file = path.join(root, 'a.tine')
    await service.dispatch('folders.open', { paths: [root] })
    expect(((await service.dispatch('runs.load', { file })) as RunView).runId).toBe('closable')
    const remaining = (await service.dispatch('folders.close', { folder: root })) as FolderSnapshot[]
    expect(remaining.map((snapshot) => snapshot.folder)).toEqual([opened])
    expect(await errorCode(service.dispatch('runs.load', { file }))).toBe('forbidden-path')
    expect(await errorCode(service.dispatch('folders.close', { folder: root }))).toBe('not-found')
  })

  test('a single opened file grants that file only', async () => {
    const root = tempFolder()
    await writeRun(path.join(root, 'one.tine'), sampleRun('only-this'))
    await writeRun(path.join(root, 'other.tine'), sampleRun('not-this'))
    const snapshots = (await service.dispatch('folders.open', {
      paths: [path.join(root, 'one.tine')]
    })) as FolderSnapshot[]
    const single = snapshots.find((snapshot) => snapshot.singleFile)!
    expect(single.runs.map((run) => run.run_id)).toEqual(['only-this'])
    expect(((await service.dispatch('runs.load', { file: path.join(root, 'one.tine') })) as RunView).runId).toBe(
      'only-this'
    )
    expect(await errorCode(service.dispatch('runs.load', { file: path.join(root, 'other.tine') }))).toBe(
      'forbidden-path'
    )
    await service.dispatch('folders.close', { folder: path.join(root, 'one.tine') })
  })

  test('opening the same folder twice at once, or a file inside it, adds nothing', async () => {
    await Promise.all([
      service.openPaths([opened]),
      service.openPaths([opened]),
      service.openPaths([path.join(opened, 'inside.tine')])
    ])
    const snapshots = (await service.dispatch('folders.list', {})) as FolderSnapshot[]
    expect(snapshots.map((snapshot) => [snapshot.folder, snapshot.singleFile])).toEqual([[opened, null]])
  })

  test('opening a path that does not exist or is not a run is refused', async () => {
    expect(await errorCode(service.dispatch('folders.open', { paths: [path.join(opened, 'missing-folder')] }))).toBe(
      'not-found'
    )
    expect(await errorCode(service.dispatch('folders.open', { paths: [path.join(opened, 'notes.txt')] }))).toBe(
      'bad-request'
    )
  })
})
