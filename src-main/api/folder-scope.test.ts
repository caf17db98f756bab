/** Broad folders are opened only when the user confirms them; no folder may exceed the watch cap. */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeRun } from '../../e2e/kit/run-files'
import { sampleRun, tempFolder } from '../testing/support'
import { broadFolderReason, type FolderScope } from './folder-scope'
import { createApiService, type ApiServiceWithStats } from './service'

const linux: FolderScope = { home: '/home/me', temp: '/tmp', platform: 'linux' }

describe('broadFolderReason', () => {
  it('names the root, a folder above home and a system folder', () => {
    expect(broadFolderReason('/', linux)).toMatch(/root of the file system/)
    expect(broadFolderReason('/home', linux)).toMatch(/above your home folder \/home\/me/)
    expect(broadFolderReason('/etc', linux)).toMatch(/system folder \(\/etc\)/)
    expect(broadFolderReason('/usr/share/doc', linux)).toMatch(/system folder \(\/usr\)/)
  })

  it('leaves home, the folders in it, the temporary folder and other data folders alone', () => {
    for (const folder of ['/home/me', '/home/me/project/.tine_runs', '/tmp/runs', '/mnt/data/runs', '/home/other'])
      expect(broadFolderReason(folder, linux)).toBeNull()
  })

  it('keeps a home inside a system folder (root user) and a temporary folder inside one (macOS) openable', () => {
    expect(broadFolderReason('/root/runs', { ...linux, home: '/root' })).toBeNull()
    const mac: FolderScope = { home: '/Users/me', temp: '/private/var/folders/xy/T', platform: 'darwin' }
    expect(broadFolderReason('/private/var/folders/xy/T/runs', mac)).toBeNull()
    expect(broadFolderReason('/Users', mac)).toMatch(/above your home folder/)
    expect(broadFolderReason('/Library/Caches', mac)).toMatch(/system folder/)
  })
})

let service: ApiServiceWithStats | null = null
afterEach(async () => {
  await service?.close()
  service = null
})

async function folderOfRuns(prefix: string, subfolders: number): Promise<string> {
  const folder = tempFolder(prefix)
  writeRun(path.join(folder, 'top.tine'), sampleRun('top'))
  for (let i = 0; i < subfolders; i++) await fs.mkdir(path.join(folder, `part-${i}`))
  return folder
}

describe('opening folders', () => {
  it('asks before a folder above home, and opens it once the user confirms', async () => {
    const above = await folderOfRuns('tine-above-home-', 0)
    const home = path.join(above, 'me')
    await fs.mkdir(home)
    service = createApiService({
      mode: 'browser',
      cacheDir: tempFolder('tine-scope-cache-'),
      version: 'test',
      folderScope: { home, temp: '/nowhere', platform: 'linux' }
    })
    await expect(service.dispatch('folders.open', { paths: [above] })).rejects.toMatchObject({
      code: 'confirm-required',
      message: expect.stringContaining('above your home folder')
    })
    expect(await service.dispatch('folders.list', {})).toEqual([])
    const opened = (await service.dispatch('folders.open', { paths: [above], confirmBroad: true })) as {
      runs: unknown[]
    }[]
    expect(opened[0].runs).toHaveLength(1)
    // The home folder itself never asks.
    await service.dispatch('folders.open', { paths: [home] })
    await service.whenVerified()
  })

  it('refuses a folder that would take more watches than the cap, counting the folders already open', async () => {
    const small = await folderOfRuns('tine-watch-small-', 5)
    const big = await folderOfRuns('tine-watch-big-', 12)
    service = createApiService({
      mode: 'browser',
      cacheDir: tempFolder('tine-watch-cache-'),
      version: 'test',
      maxWatchedFolders: 10
    })
    await expect(service.dispatch('folders.open', { paths: [big] })).rejects.toMatchObject({
      code: 'too-many-folders',
      message: expect.stringContaining('the limit is 10')
    })
    await service.dispatch('folders.open', { paths: [small] })
    // 6 watched now; a second 6 would make 12.
    const another = await folderOfRuns('tine-watch-another-', 5)
    await expect(service.dispatch('folders.open', { paths: [another] })).rejects.toMatchObject({
      code: 'too-many-folders',
      message: expect.stringContaining('already open watch 6')
    })
    // A single file takes one watch and always fits.
    await service.dispatch('folders.open', { paths: [path.join(big, 'top.tine')] })
    await service.dispatch('folders.close', { folder: small })
    await service.dispatch('folders.open', { paths: [another] })
    await service.whenVerified()
  })
})
