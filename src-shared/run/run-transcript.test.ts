import { describe, expect, it } from 'vitest'
import { sliceTranscript } from './transcript'
import { obj, toPlain, type JsonValue } from '../tine/json-value'

const user = (content: string) => obj({ role: 'user', content })
const turn = (stepId: string, content = stepId) => obj({ role: 'assistant', step_id: stepId, content })
const slice = (turns: JsonValue[], retained: string[], point: string) =>
  toPlain(sliceTranscript(turns, new Set(retained), point))

describe('transcript fork slicing (spec §19)', () => {
  it('keeps a transcript with no scoped turn whole', () => {
    const turns = [user('hi'), 'not an object', obj({ role: 'assistant', content: 'x' })]
    expect(slice(turns, ['a'], 'a')).toEqual(toPlain(turns))
  })

  it('emits pending unscoped turns with the next retained turn and stops after the fork point', () => {
    const turns = [user('task'), turn('a'), turn('b'), user('more'), turn('c'), turn('d')]
    expect(slice(turns, ['a', 'b', 'c'], 'b')).toEqual(toPlain([user('task'), turn('a'), turn('b')]))
    expect(slice(turns, ['a', 'b', 'c'], 'c')).toEqual(
      toPlain([user('task'), turn('a'), turn('b'), user('more'), turn('c')])
    )
  })

  it('drops pending turns that precede a dropped step', () => {
    const turns = [user('task'), turn('x'), user('aside'), turn('a'), user('again'), turn('y'), turn('b')]
    expect(slice(turns, ['a', 'b'], 'b')).toEqual(toPlain([user('aside'), turn('a'), turn('b')]))
  })

  it('keeps trailing unscoped turns only when the last scoped turn was retained', () => {
    const trailingAfterRetained = [turn('a'), user('resume prompt')]
    expect(slice(trailingAfterRetained, ['a'], 'zzz')).toEqual(toPlain(trailingAfterRetained))
    const trailingAfterDropped = [turn('a'), turn('x'), user('resume prompt')]
    expect(slice(trailingAfterDropped, ['a'], 'zzz')).toEqual(toPlain([turn('a')]))
  })

  it('treats empty or missing step ids as unscoped and tolerates odd elements', () => {
    const turns = [obj({ role: 'user', step_id: '' }), 7n, null, turn('a'), obj({ step_id: 5n }), user('tail')]
    expect(slice(turns, ['a'], 'q')).toEqual(toPlain([obj({ role: 'user', step_id: '' }), 7n, null, turn('a')]))
  })

  it('returns copies, never the source turns', () => {
    const turns = [user('task'), turn('a')]
    const sliced = sliceTranscript(turns, new Set(['a']), 'a')
    expect(sliced[1]).not.toBe(turns[1])
    ;(sliced[1] as Record<string, JsonValue>).content = 'changed'
    expect((turns[1] as Record<string, JsonValue>).content).toBe('a')
  })
})
