import { describe, expect, test } from 'vitest'
import { obj, type JsonObject } from '../tine/json-value'
import type { Step } from './types'
import { stepLabel } from './step-label'

function step(kind: string, inputs: JsonObject, outputs: JsonObject = obj({})): Step {
  return {
    id: 'x',
    parentIds: [],
    kind,
    inputs,
    outputs,
    modelInfo: '',
    toolInfo: obj({}),
    error: obj({}),
    timestamp: 0,
    duration: 0,
    cost: 0
  }
}

describe('model turns are labelled with their own text', () => {
  test('a done step reads as its answer, not as the tool results it was sent', () => {
    const done = step(
      'done',
      obj({ text: 'tool results: search_text' }),
      obj({ text: 'The widgets are in notes/a.txt.' })
    )
    expect(stepLabel(done)).toBe('The widgets are in notes/a.txt.')
  })

  test('a think step reads as its reasoning', () => {
    const think = step(
      'think',
      obj({ text: 'Pick sources to read.' }),
      obj({ text: 'The blog compares exactly these three.', tool_calls: [obj({ name: 'fetch' })] })
    )
    expect(stepLabel(think)).toBe('The blog compares exactly these three.')
  })

  test('a model step without text names its calls before the text it was sent', () => {
    const model = step('model', obj({ text: 'tool results: read' }), obj({ tool_calls: [obj({ name: 'grep' })] }))
    expect(stepLabel(model)).toBe('calls grep')
  })

  test('a step that recorded only its inputs (older files) still reads as that text', () => {
    expect(stepLabel(step('think', obj({ text: 'plan' })))).toBe('plan')
    expect(stepLabel(step('done', obj({ text: 'done' })))).toBe('done')
  })
})
