/** `npm run build` / `npm start` print our line only, unless --verbose; elk's bundle is emitted once. */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { runBuild, withBuildLock } from '../testing/built-app'

describe('build.mjs', () => {
  it('prints one line by default, the build tool output with --verbose, and one copy of elk', () => {
    // Built into a folder of its own: emptying out/ would pull the compiled CLI from under the tests running it.
    const outDir = 'node_modules/.cache/build-test-out'
    const { quiet, verbose, assets } = withBuildLock(() => {
      const verbose = runBuild(['--verbose'], { TINE_OUT_DIR: outDir })
      const quiet = runBuild([], { TINE_OUT_DIR: outDir })
      return { quiet, verbose, assets: readdirSync(path.join(REPO_ROOT, outDir, 'renderer', 'assets')) }
    })
    expect(existsSync(path.join(REPO_ROOT, outDir, 'cli', 'main.js'))).toBe(true)
    expect(quiet.status, quiet.stderr).toBe(0)
    expect(quiet.stdout).toBe(`opentine: built ${outDir}/ in ${/\d+\.\d/.exec(quiet.stdout)?.[0]} s\n`)
    expect(quiet.stderr).toBe('')
    expect(verbose.status).toBe(0)
    expect(verbose.stdout).toContain('rendering chunks')
    expect(verbose.stdout + verbose.stderr).not.toMatch(/WARN/)
    expect(assets.filter((name) => name.startsWith('elk.bundled'))).toHaveLength(1)
  }, 240_000)
})
