import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { currentCompiledEntry } from './compiled-entry.mjs'

const run = promisify(execFile)
const BIN = path.join(REPO_ROOT, 'src-main/cli/bin.mjs')
const EXAMPLE = path.join(REPO_ROOT, 'resources/examples/research-agent.tine')
const roots: string[] = []

/** A checkout with two source files and a build of them recorded in out/cli/sources.json. */
function builtCheckout(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tine-compiled-'))
  roots.push(root)
  mkdirSync(path.join(root, 'src'), { recursive: true })
  mkdirSync(path.join(root, 'out', 'cli'), { recursive: true })
  for (const name of ['a.ts', 'b.ts']) writeFileSync(path.join(root, 'src', name), `export const ${name[0]} = 1\n`)
  writeFileSync(path.join(root, 'out', 'cli', 'main.js'), 'export async function main() { return 0 }\n')
  const sources = Object.fromEntries(
    ['src/a.ts', 'src/b.ts'].map((file) => [file, statSync(path.join(root, file)).mtimeMs])
  )
  writeFileSync(path.join(root, 'out', 'cli', 'sources.json'), JSON.stringify({ builtAt: Date.now(), sources }))
  return root
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('the compiled CLI is used only while it is current', () => {
  it('runs the build when every recorded source is unchanged', () => {
    const root = builtCheckout()
    expect(currentCompiledEntry(root)).toBe(path.join(root, 'out', 'cli', 'main.js'))
  })

  it('falls back to the sources when one of them changed after the build', () => {
    const root = builtCheckout()
    const later = new Date(Date.now() + 5000)
    utimesSync(path.join(root, 'src', 'b.ts'), later, later)
    expect(currentCompiledEntry(root)).toBeNull()
  })

  it('falls back when a recorded source is gone, or there is no build at all', () => {
    const root = builtCheckout()
    rmSync(path.join(root, 'src', 'a.ts'))
    expect(currentCompiledEntry(root)).toBeNull()
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'tine-fresh-'))
    roots.push(fresh)
    expect(currentCompiledEntry(fresh)).toBeNull()
  })

  it('falls back when the stamp is unreadable or lists nothing', () => {
    const root = builtCheckout()
    writeFileSync(path.join(root, 'out', 'cli', 'sources.json'), '{"sources":{}}')
    expect(currentCompiledEntry(root)).toBeNull()
    writeFileSync(path.join(root, 'out', 'cli', 'sources.json'), 'not json')
    expect(currentCompiledEntry(root)).toBeNull()
  })
})

describe('tine from sources and from the build', () => {
  it('works without a build (the sources through tsx)', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'show', EXAMPLE], {
      env: { ...process.env, TINE_CLI_SOURCE: '1' }
    })
    expect(stdout).toMatch(/^# [0-9a-f]{12} model=/)
  })

  it.skipIf(!currentCompiledEntry(REPO_ROOT))('prints the same as the sources when built', async () => {
    const [fromBuild, fromSources] = await Promise.all([
      run(process.execPath, [BIN, 'show', EXAMPLE]),
      run(process.execPath, [BIN, 'show', EXAMPLE], { env: { ...process.env, TINE_CLI_SOURCE: '1' } })
    ])
    expect(fromBuild.stdout).toBe(fromSources.stdout)
  })
})
