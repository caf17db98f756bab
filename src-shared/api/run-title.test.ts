import { describe, expect, it } from 'vitest'
import { forkRun } from '../run/fork'
import { Run } from '../run/run'
import { obj } from '../tine/json-value'
import { runListExtras } from './run-title'

function source(): Run {
  const run = new Run({
    id: 'src',
    createdAt: 1,
    status: 'completed',
    modelInfo: '',
    systemPrompt: '',
    userPrompt: 'Find the cheapest flight\nand book it'
  })
  let parent: string | undefined
  for (let i = 0; i < 5; i++)
    parent = run.addStep({
      kind: 'model',
      ref: 'main',
      parentIds: parent ? [parent] : undefined,
      inputs: obj({ text: `t${i}` }),
      modelInfo: i < 3 ? 'small' : 'big',
      cost: i < 3 ? 0.001 : 0.01
    }).id
  return run
}

describe('runListExtras', () => {
  it('titles a run by its prompt and names the model its cost went to', () => {
    const extras = runListExtras(source())
    expect(extras.title).toBe('Find the cheapest flight')
    expect(extras.forkLabel).toBeNull()
    expect(extras.costModel).toBe('big')
  })

  it('says what a fork is, with its branch and reason', () => {
    const run = source()
    const step = run.steps[3]
    const fork = forkRun(run, { at: step.id, mode: 'before', branch: 'cheaper-model', nonce: 'n1' }).run
    fork.metadata.fork_reason = 'try the small model'
    fork.metadata.fork_action = obj({ mode: 'retry', step_index: 3n })
    const extras = runListExtras(fork)
    expect(extras.forkLabel).toBe('retry of #3')
    expect(extras.title).toBe('cheaper-model · try the small model')
    expect(extras.branch).toBe('cheaper-model')

    const other = forkRun(run, { at: step.id, mode: 'after', nonce: 'n2' }).run
    expect(runListExtras(other).forkLabel).toBe('fork at #3')
  })
})
