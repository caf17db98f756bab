import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../testing/support'
import { sameStamp, statStamp } from './file-stamp'
import { LoadError } from './load-error'

async function refusal(file: string, maxBytes?: number): Promise<LoadError> {
  const error = await statStamp(file, maxBytes).then(
    () => null,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(LoadError)
  return error as LoadError
}

describe('statStamp', () => {
  it('stamps a regular file with its size and time, and two stats of an unchanged file agree', async () => {
    const file = path.join(tempFolder('tine-stamp-'), 'run.tine')
    writeFileSync(file, '{}\n')
    const stamp = await statStamp(file)
    expect(stamp).toMatchObject({ file, size: 3 })
    expect(sameStamp(stamp, await statStamp(file))).toBe(true)
    writeFileSync(file, '{ }\n')
    expect(sameStamp(stamp, await statStamp(file))).toBe(false)
  })

  it('refuses a missing file, a folder and a file over the limit with the codes the API maps', async () => {
    const dir = tempFolder('tine-stamp-')
    expect(await refusal(path.join(dir, 'gone.tine'))).toMatchObject({ code: 'not-found' })
    expect(await refusal(dir)).toMatchObject({ code: 'unreadable', message: `not a regular file: ${dir}` })
    const big = path.join(dir, 'big.tine')
    writeFileSync(big, 'x'.repeat(2048))
    expect((await refusal(big, 1024)).message).toMatch(/over the .* MiB limit/)
  })
})
