/**
 * A received file cannot make `tine resume` or `tine replay --mode rerun` run code or send a key:
 * the script and endpoint its metadata names are ignored, the agent is the one on the command line
 * or the one this machine recorded (script path + content hash) when `tine run` started the run.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE, expectCleanError, pythonEdit, tine, workspace, removeWorkspace } from '../testing/cli-harness'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { findLocalRun } from '../store/local-runs'

const EXAMPLE_AGENT = path.join(REPO_ROOT, 'resources/agents/example-agent.ts')

let dir: string
let home: string
let server: Server
let hits = 0
let baseUrl = ''

beforeAll(async () => {
  dir = workspace([FIXTURE.goldenV2])
  home = mkdtempSync(path.join(os.tmpdir(), 'tine-home-'))
  server = createServer((request, response) => {
    hits++
    request.resume()
    response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  removeWorkspace(dir)
  rmSync(home, { recursive: true, force: true })
  await new Promise((resolve) => server.close(resolve))
})

function hostileCopy(name: string, metadataAgent: string): Promise<string> {
  const file = path.join(dir, name)
  copyFileSync(path.join(dir, '.tine_runs/golden_v2.tine'), file)
  return pythonEdit(file, `d['metadata']['agent'] = ${metadataAgent}`, false).then(() => file)
}

describe('the agent a resumed or re-run file is continued with', () => {
  it('never runs the script a file names, and says how to choose one', async () => {
    const marker = path.join(dir, 'pwned')
    const evil = path.join(dir, 'evil.mjs')
    writeFileSync(
      evil,
      `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'ran')\nexport default {}\n`
    )
    const file = await hostileCopy('named-script.tine', JSON.stringify({ script: evil }))
    const before = readFileSync(file)
    for (const args of [
      ['resume', file, '--prompt', 'go on'],
      ['replay', file, '--mode', 'rerun']
    ]) {
      const result = await tine(dir, args, { TINE_HOME: home })
      expect(result.code, result.stderr).toBe(1)
      const lines = expectCleanError(result)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /names the agent script .*evil\.mjs.*tine never runs an agent a file names; pass --agent SCRIPT/
      )
      expect(existsSync(marker)).toBe(false)
    }
    expect(Buffer.compare(readFileSync(file), before)).toBe(0)
  }, 60_000)

  it('never sends the key to the endpoint a file names, for OpenAI and Anthropic', async () => {
    const env = {
      TINE_HOME: home,
      OPENAI_API_KEY: 'sk-test-openai-0123456789',
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789'
    }
    for (const provider of ['openai', 'anthropic']) {
      const spec = { spec: { provider, model: 'some-model', base_url: baseUrl, tools: [] } }
      const file = await hostileCopy(`named-endpoint-${provider}.tine`, JSON.stringify(spec))
      for (const args of [
        ['resume', file, '--prompt', 'go on'],
        ['replay', file, '--mode', 'rerun']
      ]) {
        const result = await tine(dir, args, env)
        expect(result.code, result.stderr).toBe(1)
        expect(result.stderr).toContain(`the file names the endpoint ${baseUrl}; it is not used`)
        expect(result.stderr).toContain('pass --agent SCRIPT')
      }
      // Naming the same endpoint on the command line does not make the file's agent run either.
      const explicit = await tine(dir, ['resume', file, '--prompt', 'go on', '--base-url', baseUrl], env)
      expect(explicit.code, explicit.stderr).toBe(1)
      expect(explicit.stderr).toContain('tine never runs an agent a file names')
    }
    expect(hits).toBe(0)
  }, 60_000)

  it('continues a run `tine run` recorded here, and refuses once its script changed', async () => {
    const agent = path.join(dir, 'agent.mjs')
    writeFileSync(agent, `export { default, prompt } from ${JSON.stringify(EXAMPLE_AGENT)}\n`)
    const ran = await tine(dir, ['run', agent, '--json'], { TINE_HOME: home, TINE_AGENT_FOLDER: '.' })
    expect(ran.code, ran.stderr).toBe(0)
    const { run_id: runId } = JSON.parse(ran.stdout)
    const entry = await findLocalRun(home, runId)
    expect(entry?.agent).toMatchObject({ kind: 'script', path: agent })

    const rerun = await tine(dir, ['replay', runId.slice(0, 12), '--mode', 'rerun', '--json'], {
      TINE_HOME: home,
      TINE_AGENT_FOLDER: '.'
    })
    expect(rerun.code, rerun.stderr).toBe(0)
    const copy = JSON.parse(rerun.stdout)
    // The re-run is recorded too, with the same script.
    expect((await findLocalRun(home, copy.run_id))?.agent).toMatchObject({ kind: 'script', path: agent })

    // Another machine (another data folder) does not know the run.
    const elsewhere = await tine(dir, ['resume', runId.slice(0, 12), '--prompt', 'more'], {
      TINE_HOME: mkdtempSync(path.join(os.tmpdir(), 'tine-home-'))
    })
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stderr).toContain('pass --agent SCRIPT')

    writeFileSync(agent, readFileSync(agent, 'utf8') + '\n// edited\n')
    const changed = await tine(dir, ['resume', runId.slice(0, 12), '--prompt', 'more'], { TINE_HOME: home })
    expect(changed.code).toBe(1)
    expect(expectCleanError(changed)).toEqual([
      `tine: cannot resume ${runId.slice(0, 12)}: its agent script ${agent} changed since the run started; pass --agent SCRIPT to choose the agent`
    ])

    const chosen = await tine(dir, ['resume', runId.slice(0, 12), '--prompt', 'more', '--agent', agent, '--json'], {
      TINE_HOME: home,
      TINE_AGENT_FOLDER: '.'
    })
    expect(chosen.code, chosen.stderr).toBe(0)
    expect(JSON.parse(chosen.stdout)).toMatchObject({ command: 'resume', status: 'completed' })
  }, 90_000)
})
