import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findLocalRun, localRunsFile, recordLocalRun, scriptDigest } from './local-runs'

describe('the registry of runs this machine started', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tine-local-runs-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('finds a recorded run by id, replaces an entry for the same id, and knows nothing else', async () => {
    const script = path.join(dataDir, 'agent.ts')
    writeFileSync(script, 'export default {}\n')
    const sha256 = await scriptDigest(script)
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
    await recordLocalRun(dataDir, {
      runId: 'r1',
      file: '/x/r1.tine',
      agent: { kind: 'script', path: script, sha256 },
      recordedAt: 'now'
    })
    await recordLocalRun(dataDir, {
      runId: 'r1',
      file: '/x/r1.tine',
      agent: { kind: 'app', provider: 'offline', model: 'offline-scripted-1', tools: ['search_text'] },
      recordedAt: 'later'
    })
    expect((await findLocalRun(dataDir, 'r1'))?.agent.kind).toBe('app')
    expect(await findLocalRun(dataDir, 'r2')).toBeUndefined()
  })

  it('treats a damaged registry as empty instead of failing', async () => {
    writeFileSync(localRunsFile(dataDir), '{not json')
    expect(await findLocalRun(dataDir, 'r1')).toBeUndefined()
  })
})
