import { chmodSync, existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../testing/support'
import { sweepStaleTemps, writeFileAtomic } from './atomic-write'

describe('atomic writes and their temp files', () => {
  it("names the user's file, not the hidden temp, when the folder refuses the write", async () => {
    const dir = path.join(tempFolder('tine-atomic-'), 'locked')
    mkdirSync(dir)
    chmodSync(dir, 0o555)
    const target = path.join(dir, 'run.tine')
    // Root ignores folder permissions; the read-only folder is simulated with a file in its place.
    const blocked = process.getuid?.() === 0 ? path.join(tempFolder('tine-atomic-'), 'file-not-dir') : dir
    if (blocked !== dir) writeFileSync(blocked, '')
    const where = blocked === dir ? target : path.join(blocked, 'run.tine')
    const error = await writeFileAtomic(where, 'x').then(
      () => null,
      (failure: Error) => failure
    )
    expect(error?.message).toContain(where)
    expect(error?.message).not.toMatch(/\.tmp/)
  })

  it('removes its temp when the write fails after the temp was written', async () => {
    const dir = tempFolder('tine-atomic-fail-')
    // A folder (not empty) where the file should go: the temp is written in full, then the rename fails.
    const target = path.join(dir, 'run.tine')
    mkdirSync(target)
    writeFileSync(path.join(target, 'keep'), 'x')
    const error = await writeFileAtomic(target, 'x'.repeat(1 << 20)).then(
      () => null,
      (failure: Error) => failure
    )
    expect(error?.message).toContain(target)
    expect(readdirSync(dir)).toEqual(['run.tine'])
  })

  it('sweeps stale temps of our naming whose writer is gone, and nothing else', async () => {
    const dir = tempFolder('tine-sweep-')
    const stale = path.join(dir, '.run.tine.999999.0123456789ab.tmp')
    const fresh = path.join(dir, '.run.tine.999999.ba9876543210.tmp')
    const mine = path.join(dir, `.other.tine.${process.pid}.aaaaaaaaaaaa.tmp`)
    const foreign = path.join(dir, '.run.tine.notours.tmp')
    for (const file of [stale, fresh, mine, foreign]) writeFileSync(file, 'partial')
    const old = (Date.now() - 3600_000) / 1000
    for (const file of [stale, mine, foreign]) utimesSync(file, old, old)
    const removed = await sweepStaleTemps(dir)
    expect(removed.sort()).toEqual([stale, mine].sort())
    expect(existsSync(fresh)).toBe(true)
    expect(existsSync(foreign)).toBe(true)
    await writeFileAtomic(path.join(dir, 'run.tine'), 'ok')
    expect(
      readdirSync(dir)
        .filter((name) => name.endsWith('.tmp'))
        .sort()
    ).toEqual([path.basename(fresh), path.basename(foreign)].sort())
  })
})
