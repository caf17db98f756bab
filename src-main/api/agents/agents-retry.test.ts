/**
 * Retry with changes, and the secrecy of keys, through the real service with real runner
 * processes and a counting fake provider. Also the settings channel in both modes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ActiveRunView, AgentCatalog, AgentStartedView } from '../../../src-shared/api/agent-types'
import type { RunView } from '../../../src-shared/api/types'
import type { AppSecretStore } from '../service'
import type { SecretName } from '../../agents/providers/keys'
import { loadRun } from '../../store/run-file'
import { FAKE_MODEL, LIST_TURN, openAgentWorld, oracleVerdict, fakeProviderStarter } from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const startProvider = fakeProviderStarter()

function startRequest(folder: string, prompt = 'List the folder three times.') {
  return { folder, provider: 'openai', model: FAKE_MODEL, systemPrompt: 'Be brief.', prompt, tools: ['list_files'] }
}

function mentions(request: { body: any }, text: string): boolean {
  return JSON.stringify(request.body.messages).includes(text)
}

describe('agents.retry', () => {
  it('forks before the step, applies the edited prompt, and asks the provider only for what follows', async () => {
    const provider = await startProvider([LIST_TURN, LIST_TURN, LIST_TURN, { text: 'Finished listing.' }])
    const world = await openAgentWorld('tine-agent-retry-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', startRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      expect(source.stepCount).toBe(7) // model, tool, model, tool, model, tool, done
      const sourceBytes = readFileSync(started.file)
      const before = provider.requests.length
      expect(before).toBe(4)

      // Retry the third model turn (order[4]) with an edited prompt.
      const retried = source.order[4]
      const edited = 'EDITED: list it once more, then stop.'
      const fork = await world.call<AgentStartedView>('agents.retry', {
        file: started.file,
        stepId: retried,
        changes: { prompt: edited }
      })
      expect(fork.file).not.toBe(started.file)
      expect(path.dirname(fork.file)).toBe(path.dirname(started.file))
      await world.agentEvent(fork.file, (run) => run.state === 'completed')

      const forked = await loadRun(fork.file)
      expect(forked.status).toBe('completed')
      expect(forked.metadata.forked_from).toBe(source.id)
      // The four steps before the retried one are the source's own, not executed again.
      expect(forked.order.slice(0, 4)).toEqual(source.order.slice(0, 4))
      expect(forked.order).not.toContain(retried)
      const verdict = oracleVerdict(fork.file)
      expect(verdict.ok, verdict.text).toBe(true)
      expect(verdict.text).toContain('act-id OK')

      // Only the turns after the edit reached the provider, each carrying the edited prompt.
      const after = provider.requests.slice(before)
      expect(after.length).toBe(2)
      expect(after.every((request) => mentions(request, edited))).toBe(true)
      expect(provider.requests.slice(0, before).some((request) => mentions(request, edited))).toBe(false)
      // The source stays byte-identical.
      expect(readFileSync(started.file).equals(sourceBytes)).toBe(true)
      const runFiles = readdirSync(path.dirname(started.file)).filter((name) => name.endsWith('.tine'))
      expect(runFiles.sort()).toEqual([path.basename(started.file), path.basename(fork.file)].sort())
    } finally {
      await world.service.close()
    }
  })

  it('a retry without edits is served from the source record: the provider gets no request', async () => {
    const provider = await startProvider([LIST_TURN, LIST_TURN, LIST_TURN, { text: 'Finished listing.' }])
    const world = await openAgentWorld('tine-agent-replay-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', startRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      const before = provider.requests.length
      // Retry the second tool call: the same call, then the same conversation, all in the record.
      const fork = await world.call<AgentStartedView>('agents.retry', {
        file: started.file,
        stepId: source.order[3],
        changes: {}
      })
      await world.agentEvent(fork.file, (run) => run.state === 'completed')
      const forked = await loadRun(fork.file)
      expect(forked.stepCount).toBe(source.stepCount)
      expect(provider.requests.length - before).toBe(0)
      expect(oracleVerdict(fork.file).ok).toBe(true)
    } finally {
      await world.service.close()
    }
  })

  it('retrying the first step starts over from the edited user prompt, linked to its source', async () => {
    const provider = await startProvider([LIST_TURN, { text: 'Done.' }])
    const world = await openAgentWorld('tine-agent-retry-root-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', startRequest(world.folder, 'original prompt'))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      const before = provider.requests.length
      const fork = await world.call<AgentStartedView>('agents.retry', {
        file: started.file,
        stepId: source.order[0],
        changes: { prompt: 'a better prompt' }
      })
      await world.agentEvent(fork.file, (run) => run.state === 'completed')
      const forked = await loadRun(fork.file)
      expect(forked.userPrompt).toBe('a better prompt')
      expect(forked.metadata.forked_from).toBe(source.id)
      expect(provider.requests.length - before).toBe(2)
      expect(mentions(provider.requests[before], 'original prompt')).toBe(false)
      expect(oracleVerdict(fork.file).ok).toBe(true)
    } finally {
      await world.service.close()
    }
  })
})

describe('API keys', () => {
  it('never appear in a push event, a response, the run file or the runner command line', async () => {
    const key = `sk-test-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`
    // The provider echoes the key it was sent, as a careless or hostile model might.
    const provider = await startProvider([
      LIST_TURN,
      (request) => ({ text: `I was called with ${String(request.headers.authorization)}` })
    ])
    const world = await openAgentWorld('tine-agent-keys-', { provider, apiKey: key })
    try {
      const catalog = await world.call<AgentCatalog>('agents.catalog', {})
      expect(catalog.providers.map((option) => option.id)).toContain('openai')
      expect(catalog.secretsSet).toContain('OPENAI_API_KEY')
      const started = await world.call<AgentStartedView>('agents.start', startRequest(world.folder))
      for (const pid of world.service.stats().runnerPids) {
        if (existsSync(`/proc/${pid}/cmdline`)) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(key)
      }
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      expect(String(provider.requests[0].headers.authorization)).toContain(key) // the key really was used
      const view = await world.call<RunView>('runs.load', { file: started.file })
      for (const step of view.steps) await world.call('runs.step', { file: started.file, stepId: step.id })
      await world.call<ActiveRunView[]>('agents.active', {})

      const payloads = JSON.stringify([world.events, world.responses])
      expect(payloads).toContain('I was called with') // the echo is there, redacted
      expect(payloads).not.toContain(key)
      expect(readFileSync(started.file, 'utf8')).not.toContain(key)
      const verdict = oracleVerdict(started.file)
      expect(verdict.ok, verdict.text).toBe(true)
    } finally {
      await world.service.close()
    }
  })
})

describe('settings.setSecret', () => {
  it('is refused in browser mode with a pointer to the environment', async () => {
    const world = await openAgentWorld('tine-agent-secret-browser-')
    try {
      const refusal = world.service.dispatch('settings.setSecret', {
        name: 'ANTHROPIC_API_KEY',
        value: 'sk-ant-typed-in-browser'
      })
      await expect(refusal).rejects.toThrow(/environment/)
      expect(
        await errorCode(world.service.dispatch('settings.setSecret', { name: 'ANTHROPIC_API_KEY', value: 'x' }))
      ).toBe('unavailable')
    } finally {
      await world.service.close()
    }
  })

  it('stores through the shell-provided store in Electron; the catalog then offers the provider, never the key', async () => {
    const stored = new Map<SecretName, string>()
    const store: AppSecretStore = {
      async getSecret(name) {
        return stored.get(name as SecretName)
      },
      async setSecret(name, value) {
        stored.set(name, value)
      },
      async listSet() {
        return [...stored.keys()]
      },
      encryptionStatus: () => 'strong'
    }
    const world = await openAgentWorld('tine-agent-secret-electron-', { mode: 'electron', secretStore: store })
    try {
      const key = 'sk-ant-stored-in-keychain-123456'
      expect(await world.call('settings.setSecret', { name: 'ANTHROPIC_API_KEY', value: key })).toEqual({ ok: true })
      const catalog = await world.call<AgentCatalog>('agents.catalog', {})
      expect(catalog.canStoreSecrets).toBe(true)
      expect(catalog.secretsSet).toEqual(['ANTHROPIC_API_KEY'])
      expect(catalog.providers.map((option) => option.id)).toContain('anthropic')
      expect(JSON.stringify(world.responses)).not.toContain(key)
    } finally {
      await world.service.close()
    }
  })
})
