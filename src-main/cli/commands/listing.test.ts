/** `tine ls` / `tine search` over named folders, through the real bin. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectCleanError, tine } from '../../testing/cli-harness'
import { REPO_ROOT } from '../../../e2e/kit/paths'

const EXAMPLES = path.join(REPO_ROOT, 'resources/examples')
const EXAMPLE_FILES = readdirSync(EXAMPLES).filter((name) => name.endsWith('.tine'))

let dir: string
beforeAll(() => {
  // A fresh project: no .tine_runs yet, the examples copied to ./examples, a second folder of one run.
  dir = mkdtempSync(path.join(os.tmpdir(), 'tine-ls-'))
  mkdirSync(path.join(dir, 'examples'))
  for (const name of EXAMPLE_FILES) copyFileSync(path.join(EXAMPLES, name), path.join(dir, 'examples', name))
  mkdirSync(path.join(dir, 'other'))
  copyFileSync(path.join(EXAMPLES, 'release-failed.tine'), path.join(dir, 'other', 'copy.tine'))
  writeFileSync(path.join(dir, 'notes.txt'), 'not a folder')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tine ls FOLDER…', () => {
  it('says where it looked, and how to point it elsewhere, when ./.tine_runs is empty', async () => {
    const result = await tine(dir, ['ls'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(
      'No runs in ./.tine_runs/. Name a folder to list another, e.g. `tine ls resources/examples`.'
    )
  })

  it('lists the runs of named folders by path, without writing an index into them', async () => {
    const result = await tine(dir, ['ls', 'examples/', 'other'])
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0].split(/\s+/)).toEqual(['ID', 'Status', 'Model', 'Steps', 'Cost', 'Tags', 'File'])
    const files = lines.slice(1).map((line) => line.split(/\s+/).pop())
    expect(files.sort()).toEqual([...EXAMPLE_FILES.map((name) => `examples/${name}`), 'other/copy.tine'].sort())
    expect(existsSync(path.join(dir, 'examples', 'index.json'))).toBe(false)

    const json = JSON.parse((await tine(dir, ['ls', 'examples', '--status', 'paused', '--json'])).stdout)
    expect(json.folders).toEqual(['examples'])
    expect(json.count).toBe(1)
    expect(json.runs[0]).toMatchObject({
      file: 'refactor-paused.tine',
      path: 'examples/refactor-paused.tine',
      status: 'paused'
    })
  })

  it('refuses a folder that does not exist, or a file, in one line', async () => {
    for (const [target, message] of [
      ['missing', 'tine: no such folder: missing'],
      ['notes.txt', 'tine: not a folder: notes.txt (tine show FILE prints one run)']
    ]) {
      const result = await tine(dir, ['ls', target])
      expect(result.code).toBe(1)
      expect(expectCleanError(result)).toEqual([message])
    }
  })
})

describe('tine search QUERY… FOLDER…', () => {
  it('treats words that are folder paths as folders and the rest as the query', async () => {
    const text = await tine(dir, ['search', 'milvus', 'examples/'])
    expect(text.code, text.stderr).toBe(0)
    const files = text.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/).pop())
    expect(files.sort()).toEqual(['examples/research-agent-retry.tine', 'examples/research-agent.tine'])

    const json = JSON.parse((await tine(dir, ['search', 'status:failed', './other', 'examples/', '--json'])).stdout)
    expect(json).toMatchObject({ command: 'search', query: 'status:failed', folders: ['other', 'examples'], count: 2 })
    expect(json.runs.map((run: { path: string }) => run.path).sort()).toEqual([
      'examples/release-failed.tine',
      'other/copy.tine'
    ])

    // A plain word is a search term even when a folder of that name exists.
    const word = JSON.parse((await tine(dir, ['search', 'examples', '--json'])).stdout)
    expect(word).toMatchObject({ query: 'examples', folders: ['.tine_runs'], count: 0 })
  })
})
