/** Fakes for the agent-core tests: a counting scripted provider, folder tools, a recording checkpoint store, the oracle. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import '../../../src-main/store/node-hash'
import { serializeRun } from '../../run/save'
import type { Run } from '../../run/run'
import type { Step } from '../../run/types'
import type { CheckpointStore, ModelProvider, ModelRequest, ModelResponse, Tool, ToolCall } from '../types'
import { fromPlain, type JsonObject } from '../../tine/json-value'
import { ORACLE } from '../../../src-main/testing/paths'

/** A provider answering from a function of the request; counts and keeps every request it receives. */
export class CountingProvider implements ModelProvider {
  readonly provider = 'fake'
  readonly requests: ModelRequest[] = []

  constructor(
    private readonly answer: (
      request: ModelRequest,
      turn: number
    ) => Partial<ModelResponse> | Promise<Partial<ModelResponse>>,
    readonly model = 'fake-model-1'
  ) {}

  get calls(): number {
    return this.requests.length
  }

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    this.requests.push(structuredClone(request))
    const turn = request.messages.filter((message) => message.role === 'assistant').length
    const partial = await this.answer(request, turn)
    void options
    return { text: '', toolCalls: [], usage: { input: 10 * (turn + 1), output: 5 }, ...partial }
  }
}

export function call(name: string, args: Record<string, unknown>, id?: string): ToolCall {
  return { id: id ?? `${name}-${JSON.stringify(args)}`, name, arguments: fromPlain(args) as JsonObject }
}

/** A clock that moves forward by `step` seconds on every reading. */
export function steppingClock(start = 1_800_000_000.5, step = 0.25): () => number {
  let now = start
  return () => {
    const value = now
    now += step
    return value
  }
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Read-only folder tools like the example agent's: list, read, search. */
export function folderTools(root: string): Tool[] {
  const inside = (relative: string) => {
    const full = path.resolve(root, relative)
    if (!full.startsWith(path.resolve(root))) throw new Error(`path ${relative} is outside the folder`)
    return full
  }
  return [
    {
      name: 'list_files',
      description: 'List the files of a folder',
      parameters: {
        type: 'object',
        properties: { path: { type: 'string' } },
        required: ['path'],
        additionalProperties: false
      },
      sideEffects: false,
      run: async (args) => readdirSync(inside(String(args.path))).sort()
    },
    {
      name: 'read_file',
      description: 'Read a text file',
      parameters: {
        type: 'object',
        properties: { path: { type: 'string' } },
        required: ['path'],
        additionalProperties: false
      },
      sideEffects: false,
      run: async (args) => ({ content: readFileSync(inside(String(args.path)), 'utf8') })
    },
    {
      name: 'search_text',
      description: 'Find lines containing a word',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' } },
        required: ['query'],
        additionalProperties: false
      },
      sideEffects: false,
      run: async (args) => {
        const matches: string[] = []
        for (const name of readdirSync(root).sort()) {
          readFileSync(path.join(root, name), 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (line.includes(String(args.query))) matches.push(`${name}:${index + 1}`)
            })
        }
        return { matches }
      }
    }
  ]
}

/** Remembers every call the agent makes to the checkpoint store, in order. */
export class RecordingCheckpoint implements CheckpointStore {
  readonly events: string[] = []
  readonly completed: Step[] = []
  readonly started: Array<{ call: ToolCall; key: string | undefined; pending: unknown }> = []

  async stepCompleted(run: Run, step: Step): Promise<void> {
    if (run.getStep(step.id) !== step) throw new Error('stepCompleted for a step the run does not hold')
    this.completed.push(step)
    this.events.push(`step:${step.kind}`)
  }

  async toolStarting(run: Run, call: ToolCall, key: string | undefined): Promise<void> {
    this.started.push({ call, key, pending: run.metadata.pending_tool })
    this.events.push(`start:${call.name}`)
  }

  async settle(run: Run): Promise<void> {
    this.events.push(`settle:${run.status}`)
  }
}

/** Writes the run as a .tine file and runs the Python oracle on it. */
export function oracleVerdict(run: Run, dir: string): { status: number; output: string; file: string } {
  const file = path.join(dir, `${run.id.slice(0, 16)}-${Math.random().toString(16).slice(2)}.tine`)
  writeFileSync(file, serializeRun(run))
  const result = spawnSync('python3', [ORACLE, file], { encoding: 'utf8' })
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}`, file }
}

export function kinds(run: Run): string[] {
  return run.steps.map((step) => step.kind)
}
