/**
 * Helpers of the agent-channel tests: a counting fake provider speaking the OpenAI Chat
 * Completions stream format on 127.0.0.1 (its answers can be held back, to catch a run mid-way),
 * and a real service over a temp folder whose environment points the "openai" provider at it.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { afterAll } from 'vitest'
import type { PushEvent } from '../../src-shared/api/contract'
import type { ActiveRunView } from '../../src-shared/api/agent-types'
import { createApiService, type ApiServiceWithStats, type AppSecretStore } from '../api/service'
import { startFakeServer, type FakeServer, type ReceivedRequest } from '../agents/providers/testing/fake-server'
import { bundledRunnerStarter } from './bundled-runner'
import { runOracle } from '../../e2e/kit/oracle'
import { tempFolder } from './support'

export const FAKE_MODEL = 'gpt-4o-mini'

/** Turn n of the plan answers a request that already holds n assistant messages (deterministic, like the offline model). */
export interface PlanTurn {
  text?: string
  toolCall?: { name: string; arguments: Record<string, unknown> }
}

export interface FakeProvider {
  server: FakeServer
  /** Every chat request received, in order. */
  requests: ReceivedRequest[]
  /** Requests whose answer is held back until `release(index)` (or forever). */
  hold(index: number): void
  release(index: number): void
  /** Resolves once `count` requests have arrived. */
  received(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

function assistantTurns(body: any): number {
  return (body?.messages ?? []).filter((message: any) => message.role === 'assistant').length
}

function streamTurn(response: ServerResponse, body: any, turn: PlanTurn, index: number): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    response.write(
      `data: ${JSON.stringify({ id: `chatcmpl-${index}`, object: 'chat.completion.chunk', created: 1700000000, model: body.model, choices, ...extra })}\n\n`
    )
  const delta = (value: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index: 0, delta: value, finish_reason: finish }])
  delta({ role: 'assistant', content: '' })
  if (turn.text) delta({ content: turn.text })
  if (turn.toolCall) {
    delta({
      tool_calls: [
        {
          index: 0,
          id: `call_${index}`,
          type: 'function',
          function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.arguments) }
        }
      ]
    })
  }
  delta({}, turn.toolCall ? 'tool_calls' : 'stop')
  if (body.stream_options?.include_usage)
    chunk([], { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })
  response.write('data: [DONE]\n\n')
  response.end()
}

/** `plan(request)` decides each answer; by default turn n of `turns`, then a final text. */
export async function startFakeProvider(
  turns: Array<PlanTurn | ((request: ReceivedRequest) => PlanTurn)>
): Promise<FakeProvider> {
  const gates = new Map<number, { promise: Promise<void>; open: () => void }>()
  const gate = (index: number) => {
    let entry = gates.get(index)
    if (!entry) {
      let open!: () => void
      const promise = new Promise<void>((resolve) => (open = resolve))
      entry = { promise, open }
      gates.set(index, entry)
    }
    return entry
  }
  const held = new Set<number>()
  const server = await startFakeServer(async (request, index, response) => {
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      response.writeHead(404)
      response.end()
      return
    }
    if (held.has(index)) await gate(index).promise
    const planned = turns[assistantTurns(request.body)] ?? { text: 'All done.' }
    streamTurn(response, request.body, typeof planned === 'function' ? planned(request) : planned, index)
  })
  const chatRequests = () => server.requests.filter((request) => request.path === '/v1/chat/completions')
  return {
    server,
    get requests() {
      return chatRequests()
    },
    hold: (index) => void held.add(index),
    release: (index) => gate(index).open(),
    async received(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (chatRequests().length < count) {
        if (Date.now() > deadline)
          throw new Error(`the fake provider got ${chatRequests().length} of ${count} requests`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    close: () => server.close()
  }
}

/** Starts fake providers for one test file and closes every one of them once the file's tests are done. */
export function fakeProviderStarter(): (turns: Parameters<typeof startFakeProvider>[0]) => Promise<FakeProvider> {
  const started: FakeProvider[] = []
  afterAll(async () => {
    await Promise.all(started.map((provider) => provider.close()))
  })
  return async (turns) => {
    const provider = await startFakeProvider(turns)
    started.push(provider)
    return provider
  }
}

export const LIST_TURN: PlanTurn = { toolCall: { name: 'list_files', arguments: { path: '.' } } }

/** An `agents.start` request for the OpenAI fake provider that lists the folder with LIST_TURN. */
export function listingStartRequest(folder: string) {
  return {
    folder,
    provider: 'openai',
    model: FAKE_MODEL,
    systemPrompt: 'Be brief.',
    prompt: 'List the folder three times.',
    tools: ['list_files']
  }
}

export interface AgentWorld {
  service: ApiServiceWithStats
  folder: string
  dataDir: string
  events: PushEvent[]
  /** Every response the service returned through `call`, for the key-leak checks. */
  responses: unknown[]
  call<T>(channel: string, payload: unknown): Promise<T>
  /** Resolves with the first agent event for `file` that matches. */
  agentEvent(file: string, match: (run: ActiveRunView) => boolean, timeoutMs?: number): Promise<ActiveRunView>
}

/**
 * A temp project folder with a few files, opened in a real service whose "openai" provider is the fake.
 * Its agents run in child processes started from the bundled runner (see bundled-runner.ts).
 */
export async function openAgentWorld(
  prefix: string,
  options: {
    provider?: FakeProvider
    apiKey?: string
    mode?: 'electron' | 'browser'
    secretStore?: AppSecretStore
    folder?: string
    dataDir?: string
  } = {}
): Promise<AgentWorld> {
  const folder = options.folder ?? tempFolder(prefix)
  if (!options.folder) {
    writeFileSync(path.join(folder, 'notes.txt'), 'Remember the quarterly report.\nAlso water the plants.\n')
    writeFileSync(path.join(folder, 'todo.md'), '# TODO\n- quarterly report\n')
  }
  const env: Record<string, string> = {}
  if (options.provider) {
    env.OPENAI_BASE_URL = `${options.provider.server.url}/v1`
    env.OPENAI_API_KEY = options.apiKey ?? 'sk-test-not-a-real-key-0000'
  }
  // The registry of runs started here lives in its own temp folder, never in the user's.
  const dataDir = options.dataDir ?? tempFolder('tine-home-')
  const service = createApiService({
    mode: options.mode ?? 'browser',
    cacheDir: tempFolder('tine-cache-'),
    version: 'test',
    env,
    secretStore: options.secretStore,
    loadWorkers: 0,
    dataDir,
    startRunner: await bundledRunnerStarter()
  })
  await service.openPaths([folder])
  const events: PushEvent[] = []
  service.onEvent((event) => events.push(event))
  const responses: unknown[] = []
  return {
    service,
    folder,
    dataDir,
    events,
    responses,
    async call<T>(channel: string, payload: unknown): Promise<T> {
      const response = await service.dispatch(channel, payload)
      responses.push(response)
      return response as T
    },
    async agentEvent(file, match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = events.find(
          (event): event is Extract<PushEvent, { kind: 'agent' }> =>
            event.kind === 'agent' && event.run.file === file && match(event.run)
        )
        if (found) return found.run
        if (Date.now() > deadline) throw new Error(`no agent event for ${path.basename(file)} within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  }
}

/** The oracle's verdict on one file, with its report as the failure message. */
export function oracleVerdict(file: string): { ok: boolean; text: string } {
  const result = runOracle([file])
  return { ok: result.status === 0, text: result.stdout + result.stderr }
}

/** Whether a process is still alive (signal 0 probes without touching it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
