// The kit's paths are computed from this folder's depth in the checkout; a wrong depth would point every test
// at a folder where walkFiles quietly finds nothing.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES_DIR, ORACLE, REPO_ROOT } from './paths'
import { EXAMPLES_DIR, GUI_RUNS } from './run-files'

describe('the test kit paths', () => {
  it('name the checkout, the opentine fixtures and oracle beside it, and the example runs', () => {
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).name).toBe('opentine-desktop')
    expect(existsSync(path.join(REPO_ROOT, 'e2e/kit/paths.ts'))).toBe(true)
    expect(existsSync(ORACLE)).toBe(true)
    expect(existsSync(path.join(FIXTURES_DIR, 'golden/golden_v2.tine'))).toBe(true)
    expect(existsSync(path.join(GUI_RUNS, 'demo-complete.tine'))).toBe(true)
    expect(existsSync(path.join(EXAMPLES_DIR, 'research-agent.tine'))).toBe(true)
  })
})
