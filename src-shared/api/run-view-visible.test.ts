/** What a file says is shown as written, but a bidi override in a label or title is shown escaped. */
import { describe, expect, test } from 'vitest'
import { Run } from '../run/run'
import { obj } from '../tine/json-value'
import { buildRunView, runListItem } from './run-view'

const RLO = '\u202E'
const STAMP = { file: '/runs/x.tine', mtimeMs: 1, size: 1 }

function spoofingRun(): Run {
  const run = new Run({ id: `run${RLO}gnp`, createdAt: 1_900_000_000, userPrompt: `pay invoice${RLO}gnp.exe` })
  run.addStep({ kind: 'think', id: `s1${RLO}`, inputs: obj({}), outputs: obj({ text: `open invoice${RLO}gnp.exe` }) })
  run.metadata.fork_reason = `retry${RLO}`
  return run
}

describe('invisible format characters in views', () => {
  test('step labels and the run title carry them as visible escapes, never raw', () => {
    const run = spoofingRun()
    const view = buildRunView(run, STAMP)
    expect(view.steps[0].label).toBe('open invoice\\u{202E}gnp.exe')
    const row = runListItem(run, STAMP)
    expect(row.title).toBe('pay invoice\\u{202E}gnp.exe')
    expect(JSON.stringify([view.steps[0].label, row.title, row.forkReason])).not.toContain(RLO)
  })

  test('ids stay as written: they are how the app finds steps, and are escaped only where shown', () => {
    const view = buildRunView(spoofingRun(), STAMP)
    expect(view.steps[0].id).toBe(`s1${RLO}`)
    expect(view.runId).toBe(`run${RLO}gnp`)
  })
})
