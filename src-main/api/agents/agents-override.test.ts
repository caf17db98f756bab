/**
 * The agents' write actions on a file that failed its integrity check, through the real service,
 * real runner processes and a counting fake provider: retry with changes, edit before continuing
 * and continue are refused without the user's explicit override (nothing written), and with it
 * they write a run that records the override in metadata.warnings and passes the oracle.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AgentStartedView, ContinueInfoView, EditResultView } from '../../../src-shared/api/agent-types'
import type { ForkResultView } from '../../../src-shared/api/action-types'
import type { RunView } from '../../../src-shared/api/types'
import { loadRun } from '../../store/run-file'
import {
  FAKE_MODEL,
  LIST_TURN,
  listingStartRequest,
  openAgentWorld,
  oracleVerdict,
  fakeProviderStarter,
  type AgentWorld
} from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const startProvider = fakeProviderStarter()
const TURNS = [LIST_TURN, LIST_TURN, LIST_TURN, { text: 'Finished listing.' }]

/** One character of the last step's text changed by hand while the recorded digest stayed. */
function tamperLastText(file: string): Buffer {
  const text = readFileSync(file, 'utf8')
  expect(text).toContain('Finished listing.')
  writeFileSync(file, text.replace('Finished listing.', 'Finished listinG.'))
  return readFileSync(file)
}

/** A completed run of this machine, then tampered: its file and the bytes it holds now. */
async function tamperedRun(world: AgentWorld) {
  const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
  await world.agentEvent(started.file, (run) => run.state === 'completed')
  const source = await loadRun(started.file)
  return { file: started.file, source, bytes: tamperLastText(started.file) }
}

function runFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.tine'))
    .sort()
}

/** The override the written run records, as the file holds it and as its trust banner reads it. */
async function expectRecordedOverride(world: AgentWorld, file: string, action: string, sourceRun: string) {
  const raw = JSON.parse(readFileSync(file, 'utf8'))
  expect(raw.metadata.warnings).toEqual([
    { kind: 'integrity-override', action, reason: 'digest mismatch', source_run: sourceRun }
  ])
  const view = await world.call<RunView>('runs.load', { file })
  expect(view.trust.integrity).toBe('ok')
  expect(view.trust.integrityOverrides).toEqual([{ action, reason: 'digest mismatch', sourceRun }])
  const verdict = oracleVerdict(file)
  expect(verdict.ok, verdict.text).toBe(true)
}

describe('agents write actions on a tampered file', () => {
  it('retry with changes: refused without the override; with it the fork records it and asks every call anew', async () => {
    const provider = await startProvider([...TURNS, LIST_TURN, { text: 'Done again.' }])
    const world = await openAgentWorld('tine-override-retry-', { provider })
    try {
      const { file, source, bytes } = await tamperedRun(world)
      const runsDir = path.dirname(file)
      const filesBefore = runFiles(runsDir)
      const request = { file, stepId: source.order[4], changes: { prompt: 'EDITED: list once more.' } }

      expect(await errorCode(world.call('agents.retry', request))).toBe('read-only')
      await expect(world.call('agents.retry', request)).rejects.toThrow(/integrity.*confirm the override/)
      expect(runFiles(runsDir)).toEqual(filesBefore)

      const asked = provider.requests.length
      const fork = await world.call<AgentStartedView>('agents.retry', { ...request, overrideIntegrity: true })
      await world.agentEvent(fork.file, (run) => run.state === 'completed')
      await expectRecordedOverride(world, fork.file, 'retry', source.id)
      // The tampered record served nothing: the retried turn and what follows reached the provider.
      expect(provider.requests.length).toBeGreaterThan(asked)
      expect(readFileSync(file).equals(bytes)).toBe(true)
    } finally {
      await world.service.close()
    }
  })

  it('edit before continuing: refused without the override; with it the edited fork records it', async () => {
    const provider = await startProvider(TURNS)
    const world = await openAgentWorld('tine-override-edit-', { provider })
    try {
      const { file, source, bytes } = await tamperedRun(world)
      const runsDir = path.dirname(file)
      const filesBefore = runFiles(runsDir)
      const request = { file, stepId: source.order[2], target: 'model-output', value: 'An edited turn.' }

      expect(await errorCode(world.call('agents.edit', request))).toBe('read-only')
      expect(runFiles(runsDir)).toEqual(filesBefore)

      const edit = await world.call<EditResultView>('agents.edit', { ...request, overrideIntegrity: true })
      await expectRecordedOverride(world, edit.file, 'edit', source.id)
      expect((await loadRun(edit.file)).getStep(edit.stepId!)!.outputs.text).toBe('An edited turn.')
      expect(readFileSync(file).equals(bytes)).toBe(true)
    } finally {
      await world.service.close()
    }
  })

  it('continue: refused without the override; with it the run records it before the agent writes on', async () => {
    const provider = await startProvider([...TURNS, LIST_TURN, { text: 'Finished listing.' }])
    const world = await openAgentWorld('tine-override-continue-', { provider })
    try {
      const started = await world.call<AgentStartedView>('agents.start', listingStartRequest(world.folder))
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const source = await loadRun(started.file)
      // A paused branch after the last tool step, then tampered: its final step's text is edited.
      const branch = await world.call<ForkResultView>('runs.fork', {
        file: started.file,
        stepId: source.order[5],
        mode: 'after'
      })
      const raw = JSON.parse(readFileSync(branch.file, 'utf8'))
      raw.graph.steps[source.order[5]].outputs = { ...raw.graph.steps[source.order[5]].outputs, edited: 'by hand' }
      writeFileSync(branch.file, JSON.stringify(raw, null, 2))
      const tampered = readFileSync(branch.file)
      const request = {
        file: branch.file,
        provider: 'openai',
        model: FAKE_MODEL,
        tools: ['list_files'],
        toolRoot: world.folder
      }

      // The form is offered (it asks for the confirmation), the write is refused without it.
      const info = await world.call<ContinueInfoView>('agents.continueInfo', { file: branch.file })
      expect(info.blocked).toBeNull()
      expect(await errorCode(world.call('agents.continue', request))).toBe('read-only')
      // A review decision continues the run in place too: refused before anything else is looked at.
      expect(await errorCode(world.call('agents.review', { file: branch.file, action: 'rerun' }))).toBe('read-only')
      expect(readFileSync(branch.file).equals(tampered)).toBe(true)

      await world.call<AgentStartedView>('agents.continue', { ...request, overrideIntegrity: true })
      await world.agentEvent(branch.file, (run) => run.state === 'completed')
      const continued = await loadRun(branch.file)
      expect(continued.stepCount).toBeGreaterThan(source.order.indexOf(source.order[5]) + 1)
      const written = JSON.parse(readFileSync(branch.file, 'utf8'))
      expect(written.metadata.warnings).toEqual([
        { kind: 'integrity-override', action: 'continue', reason: 'digest mismatch', source_run: branch.runId }
      ])
      const view = await world.call<RunView>('runs.load', { file: branch.file })
      expect(view.trust.integrity).toBe('ok')
      expect(view.trust.integrityOverrides).toEqual([
        { action: 'continue', reason: 'digest mismatch', sourceRun: branch.runId }
      ])
      // The digest the oracle computes matches; only the hand-edited step's id still names its original content.
      const verdict = oracleVerdict(branch.file)
      expect(verdict.text).toContain('digest=OK')
      expect(verdict.text).toContain(`step ${source.order[5].slice(0, 12)} id MISMATCH`)
      expect(verdict.text).toContain('1 MISMATCH')
    } finally {
      await world.service.close()
    }
  })
})
