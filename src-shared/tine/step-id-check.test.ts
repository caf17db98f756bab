import { describe, expect, it } from 'vitest'
import { computeStepId } from './ids'
import { obj } from './json-value'
import { classifyStepIds, describeStepIds } from './step-id-check'

describe('step id classification', () => {
  it('tells content-addressed, opaque and mismatched ids apart, as the reference checker does', () => {
    const content = { kind: 'tool', inputs: obj({ name: 'read' }), parentIds: [], outputs: obj({ result: 'ok' }) }
    const good = { ...content, id: computeStepId(content) }
    const edited = { ...good, outputs: obj({ result: 'ox' }) }
    const opaque = { ...content, id: 'step-1' }
    const result = classifyStepIds([good, edited, opaque])
    expect(result.contentAddressed).toBe(1)
    expect(result.opaque).toBe(1)
    expect(result.mismatched).toEqual([{ id: good.id, computed: computeStepId(edited) }])
    expect(describeStepIds(result)).toBe('1 content-addressed, 1 opaque, 1 MISMATCH')
  })
})
