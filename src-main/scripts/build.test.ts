/** `npm run build` / `npm start` print our line only, unless --verbose; elk's bundle is emitted once. */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OUT_DIR, runBuild, withBuildLock } from '../testing/built-app'

describe('build.mjs', () => {
  it('prints one line by default, the build tool output with --verbose, and one copy of elk', () => {
    const { quiet, verbose, assets } = withBuildLock(() => {
      const verbose = runBuild(['--verbose'])
      const quiet = runBuild()
      return { quiet, verbose, assets: readdirSync(path.join(OUT_DIR, 'renderer', 'assets')) }
    })
    expect(quiet.status, quiet.stderr).toBe(0)
    expect(quiet.stdout).toMatch(/^opentine: built out\/ in \d+\.\d s\n$/)
    expect(quiet.stderr).toBe('')
    expect(verbose.status).toBe(0)
    expect(verbose.stdout).toContain('rendering chunks')
    expect(verbose.stdout + verbose.stderr).not.toMatch(/WARN/)
    expect(assets.filter((name) => name.startsWith('elk.bundled'))).toHaveLength(1)
  }, 240_000)
})
