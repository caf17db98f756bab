/** The .tine_runs/index.json cache and RUN lookup, in process (no CLI spawn). */
import { readFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readIndex, refreshIndex } from './run-index'
import { resolveRunArgument } from './run-lookup'
import { FIXTURE, removeWorkspace, workspace } from '../testing/cli-harness'

let dir: string
let runsDir: string
const indexFile = () => path.join(runsDir, 'index.json')
const readIndexJson = () => JSON.parse(readFileSync(indexFile(), 'utf8'))

beforeEach(() => {
  dir = workspace([FIXTURE.goldenV2, FIXTURE.demoComplete, FIXTURE.compatSigned2])
  runsDir = path.join(dir, '.tine_runs')
})

afterEach(() => removeWorkspace(dir))

describe('refreshIndex', () => {
  it('writes the spec §18 document, sorted, with one entry per file', async () => {
    const entries = await refreshIndex(runsDir)
    expect(entries.map((entry) => entry.file).sort()).toEqual([
      'artifact_signed.tine',
      'demo-complete.tine',
      'golden_v2.tine'
    ])
    const text = readFileSync(indexFile(), 'utf8')
    const index = JSON.parse(text)
    expect(Object.keys(index)).toEqual(['covered_format_version', 'entries', 'generated_at', 'index_version'])
    expect(index.entries['golden_v2.tine']).toMatchObject({
      file: 'golden_v2.tine',
      run_id: 'golden-v2',
      status: 'completed',
      steps: 3,
      format_version: 2,
      unreadable: false
    })
    expect(Object.keys(index.entries['golden_v2.tine'])).toEqual([
      'cost',
      'created_at',
      'file',
      'format_version',
      'model',
      'mtime',
      'run_id',
      'status',
      'steps',
      'tags',
      'text',
      'unreadable'
    ])
    expect(text).toMatch(/"cost": 0\.0,/)
  })

  it('reuses an entry while the mtime is unchanged and reloads it when the file changes', async () => {
    await refreshIndex(runsDir)
    const index = readIndexJson()
    index.entries['golden_v2.tine'].text = 'sentinel-from-cache'
    writeFileSync(indexFile(), JSON.stringify(index))
    expect((await refreshIndex(runsDir)).find((entry) => entry.file === 'golden_v2.tine')!.text).toBe(
      'sentinel-from-cache'
    )
    const later = new Date(Date.now() + 5000)
    utimesSync(path.join(runsDir, 'golden_v2.tine'), later, later)
    expect((await refreshIndex(runsDir)).find((entry) => entry.file === 'golden_v2.tine')!.text).toContain('golden-v2')
  })

  it('discards an unreadable index or one of another version', async () => {
    writeFileSync(indexFile(), '{not json')
    expect((await readIndex(runsDir)).size).toBe(0)
    expect(await refreshIndex(runsDir)).toHaveLength(3)
    const index = readIndexJson()
    index.index_version = 99
    index.entries['golden_v2.tine'].text = 'sentinel-from-cache'
    writeFileSync(indexFile(), JSON.stringify(index))
    expect((await readIndex(runsDir)).size).toBe(0)
    expect((await refreshIndex(runsDir)).find((entry) => entry.file === 'golden_v2.tine')!.text).not.toBe(
      'sentinel-from-cache'
    )
  })
})

describe('resolveRunArgument', () => {
  it('takes an existing path, then a file stem prefix, then a run id prefix from the index', async () => {
    expect(await resolveRunArgument('.tine_runs/golden_v2.tine', dir)).toBe('.tine_runs/golden_v2.tine')
    expect(await resolveRunArgument('gold', dir)).toBe(path.join('.tine_runs', 'golden_v2.tine'))
    expect(await resolveRunArgument('demo-complete.tine', dir)).toBe(path.join('.tine_runs', 'demo-complete.tine'))
    expect(await resolveRunArgument('compat-artifact-signed-v0_8_0', dir)).toBe(
      path.join('.tine_runs', 'artifact_signed.tine')
    )
    expect(await resolveRunArgument('compat-art', dir)).toBe(path.join('.tine_runs', 'artifact_signed.tine'))
  })

  it('refuses ambiguous and unknown arguments with the candidates', async () => {
    writeFileSync(path.join(runsDir, 'golden_copy.tine'), readFileSync(path.join(runsDir, 'golden_v2.tine')))
    await expect(resolveRunArgument('golden', dir)).rejects.toThrow(
      /ambiguous run 'golden': matches 2 files in \.tine_runs\/: golden_copy\.tine, golden_v2\.tine/
    )
    // Both files hold run golden-v2, so the run id is ambiguous too.
    await expect(resolveRunArgument('golden-v', dir)).rejects.toThrow(/ambiguous run 'golden-v': matches 2 runs/)
    await expect(resolveRunArgument('nothing-like-it', dir)).rejects.toThrow(
      /unknown run 'nothing-like-it'; runs in \.tine_runs\/: artifact_signed, demo-complete/
    )
    await expect(resolveRunArgument('sub/none.tine', dir)).rejects.toThrow('no such file: sub/none.tine')
  })
})
