/**
 * Retry with changes on a tool step: edited arguments, a real runner process and the offline
 * model over a temp folder. The edited call must really run, and everything after it must be
 * asked anew rather than served from the source's record.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AgentStartedView } from '../../../src-shared/api/agent-types'
import { REPLAY_PROVENANCE_KEY } from '../../../src-shared/agents/types'
import { canonicalString } from '../../../src-shared/tine/canonical'
import { isObject, obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { loadRun } from '../../store/run-file'
import { openAgentWorld, oracleVerdict, waitUntil, type AgentWorld } from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const OFFLINE_TOOLS = ['list_files', 'read_file', 'search_text']

async function completedOfflineRun(world: AgentWorld): Promise<string> {
  const request = {
    folder: world.folder,
    provider: 'offline',
    model: 'offline',
    systemPrompt: 'Be brief.',
    prompt: 'Look at the folder.',
    tools: OFFLINE_TOOLS
  }
  const started = await world.call<AgentStartedView>('agents.start', request)
  await world.agentEvent(started.file, (run) => run.state === 'completed')
  await waitUntil(() => world.service.stats().runnerPids.length === 0, 5000, 'the runner to exit')
  return started.file
}

function toolStepsNamed(run: Awaited<ReturnType<typeof loadRun>>, name: string) {
  return run.order.map((id) => run.getStep(id)!).filter((step) => step.kind === 'tool' && step.inputs.name === name)
}

function runFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.tine'))
    .sort()
}

describe('agents.retry with edited tool arguments', () => {
  it('runs the edited call for real and asks again for everything after it; the source stays untouched', async () => {
    const world = await openAgentWorld('tine-agent-retry-tool-')
    try {
      const sourceFile = await completedOfflineRun(world)
      const source = await loadRun(sourceFile)
      const sourceBytes = readFileSync(sourceFile)
      const [read] = toolStepsNamed(source, 'read_file')
      expect(read).toBeDefined()
      const readPath = String((read.inputs.arguments as JsonObject).path)
      // Read the other file of the folder, and only its first line: an int that must stay an int.
      const otherFile = ['notes.txt', 'todo.md'].find((name) => name !== readPath)!
      const editedJson = `{"path": ${JSON.stringify(otherFile)}, "max_lines": 1}`

      const fork = await world.call<AgentStartedView>('agents.retry', {
        file: sourceFile,
        stepId: read.id,
        changes: { toolArgumentsJson: editedJson }
      })
      expect(path.dirname(fork.file)).toBe(path.dirname(sourceFile))
      await world.agentEvent(fork.file, (run) => run.state === 'completed')
      const forked = await loadRun(fork.file)
      expect(forked.status).toBe('completed')

      // The model step that issued the call is the source's own; the edited call is a new tool step.
      const issuedAt = source.order.indexOf(read.id)
      expect(forked.order.slice(0, issuedAt)).toEqual(source.order.slice(0, issuedAt))
      const [editedRead] = toolStepsNamed(forked, 'read_file')
      const edited = obj({ path: otherFile, max_lines: 1n })
      expect(canonicalString(editedRead.inputs.arguments)).toBe(canonicalString(edited))
      expect(typeof (editedRead.inputs.arguments as JsonObject).max_lines).toBe('bigint')
      expect(canonicalString(editedRead.outputs.result ?? null)).not.toBe(canonicalString(read.outputs.result ?? null))
      expect(canonicalString(editedRead.outputs.result ?? null)).toContain(otherFile)
      expect(canonicalString(forked.metadata.retry_changes)).toBe(
        canonicalString(obj({ step: read.id, tool_arguments: edited }))
      )

      // Nothing from the edited call on came from the record: the tool ran and the model was asked again.
      const replay = forked.metadata[REPLAY_PROVENANCE_KEY]
      expect(isObject(replay) && replay.source_run).toBe(source.id)
      expect(isObject(replay) && replay.served_from_record).toEqual([])
      const later = forked.order.slice(issuedAt).map((id) => forked.getStep(id)!)
      expect(later.some((step) => step.kind === 'done')).toBe(true)
      const doneText = (step: { outputs: JsonObject }) => String(step.outputs.text)
      const sourceDone = source.order.map((id) => source.getStep(id)!).find((step) => step.kind === 'done')!
      expect(doneText(later.find((step) => step.kind === 'done')!)).not.toBe(doneText(sourceDone))

      const verdict = oracleVerdict(fork.file)
      expect(verdict.ok, verdict.text).toBe(true)
      expect(readFileSync(sourceFile).equals(sourceBytes)).toBe(true)
    } finally {
      await world.service.close()
    }
  })

  it('refuses edited arguments on a non-tool step, and arguments that are not a JSON object, writing nothing', async () => {
    const world = await openAgentWorld('tine-agent-retry-tool-refuse-')
    try {
      const sourceFile = await completedOfflineRun(world)
      const source = await loadRun(sourceFile)
      const before = runFilesIn(path.dirname(sourceFile))
      const modelStep = source.order
        .map((id) => source.getStep(id)!)
        .find((step) => step.kind !== 'tool' && step.parentIds.length > 0)!
      const [read] = toolStepsNamed(source, 'read_file')
      const retry = (stepId: string, toolArgumentsJson: string) =>
        world.service.dispatch('agents.retry', { file: sourceFile, stepId, changes: { toolArgumentsJson } })

      await expect(retry(modelStep.id, '{"path": "todo.md"}')).rejects.toThrow(/only be edited on a tool step/)
      expect(await errorCode(retry(modelStep.id, '{"path": "todo.md"}'))).toBe('bad-request')
      await expect(retry(read.id, '["todo.md"]')).rejects.toThrow(/must be a JSON object, not an array/)
      await expect(retry(read.id, '{"path": "todo.md"')).rejects.toThrow(/not valid JSON/)
      expect(await errorCode(retry(read.id, '{"path": '))).toBe('bad-request')
      expect(runFilesIn(path.dirname(sourceFile))).toEqual(before)
      expect(world.service.stats().runnerPids).toEqual([])
    } finally {
      await world.service.close()
    }
  })
})
