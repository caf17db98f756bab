/** `tine run` ends with the agent's answer and where the run was saved: the real bin and the offline example agent. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tine } from '../../testing/cli-harness'
import { REPO_ROOT } from '../../../e2e/kit/paths'

const EXAMPLE_AGENT = path.join(REPO_ROOT, 'resources/agents/example-agent.ts')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-run-out-'))
  await mkdir(path.join(dir, 'notes'))
  await writeFile(path.join(dir, 'notes/a.txt'), 'alpha widgets\nsecond line\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('tine run', () => {
  it('prints the tree, then the final answer, then the saved path', async () => {
    const ran = await tine(dir, ['run', EXAMPLE_AGENT], { TINE_AGENT_FOLDER: 'notes' })
    expect(ran.code, ran.stderr).toBe(0)
    const lines = ran.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^# [0-9a-f]{12} model=offline-scripted-1 steps=\d+ cost=\S+ completed$/)
    expect(lines[lines.length - 2]).toMatch(
      /^Answer: \[offline scripted model\] Summary: the folder lists 1 file\(s\); a\.txt has 2 line\(s\).*found 1 match\(es\)\.$/
    )
    expect(lines[lines.length - 1]).toMatch(/^Saved: \.tine_runs\/[0-9a-f]{64}\.tine$/)
    // The done step in the tree reads as the answer too, not as the tool results it was sent.
    expect(lines.find((line) => line.startsWith('+ '))).toMatch(
      /^\+ #\d+ [0-9a-f]{12} \[offline scripted model\] Summary:/
    )

    const json = JSON.parse((await tine(dir, ['run', EXAMPLE_AGENT, '--json'], { TINE_AGENT_FOLDER: 'notes' })).stdout)
    expect(json.answer).toMatch(/^\[offline scripted model\] Summary: /)
    expect(json.path).toMatch(/^\.tine_runs\/[0-9a-f]{64}\.tine$/)
  }, 60_000)
})
