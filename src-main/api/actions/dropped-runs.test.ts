import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isDroppedCopy, safeRunName } from './dropped-runs'

describe('dropped runs', () => {
  it('keeps a dropped name to one safe segment ending in .tine', () => {
    expect(safeRunName('../../etc/passwd')).toBe('passwd.tine')
    expect(safeRunName('C:\\Users\\me\\run one.tine')).toBe('run one.tine')
    expect(safeRunName('...')).toBe('dropped-run.tine')
    expect(safeRunName('weird<name>|x.TINE')).toBe('weird_name_x.tine')
  })

  it('tells copies in the drop folder from everything else', () => {
    const dir = path.resolve('/cache/dropped')
    expect(isDroppedCopy(dir, path.join(dir, 'abc', 'a.tine'))).toBe(true)
    expect(isDroppedCopy(dir, path.resolve('/cache/other/a.tine'))).toBe(false)
    expect(isDroppedCopy(dir, dir)).toBe(false)
  })
})
