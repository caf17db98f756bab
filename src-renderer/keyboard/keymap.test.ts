// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { createTineStore } from '../store/store'
import { chordOf, handleKey, isTyping } from './listener'

function key(init: KeyboardEventInit, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { cancelable: true, ...init })
  Object.defineProperty(event, 'target', { value: target })
  return event
}

describe('the keymap', () => {
  it('names chords: letters in lower case with Shift, the physical letter under Ctrl/Cmd, Shift left off other keys', () => {
    expect(chordOf(key({ key: 'r' }))).toBe('r')
    expect(chordOf(key({ key: 'N', shiftKey: true }))).toBe('Shift+n')
    expect(chordOf(key({ key: 'Т', code: 'KeyN', ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+n')
    expect(chordOf(key({ key: '/', shiftKey: true }))).toBe('/')
    expect(chordOf(key({ key: 'Escape' }))).toBe('Escape')
    expect(isTyping(document.createElement('textarea'))).toBe(true)
    expect(isTyping(document.createElement('button'))).toBe(false)
  })

  it('Escape closes only the top-most dialog, then the step menu, then the diff; other keys wait while a dialog is open', () => {
    const store = createTineStore()
    const closed: string[] = []
    const lower = { close: () => closed.push('lower') }
    const upper = { close: () => closed.push('upper') }
    store.getState().registerDialog(lower)
    store.getState().registerDialog(upper)
    store.getState().openStepMenu({ stepId: 's1', x: 0, y: 0 })
    store.setState({ diffRequest: { fileA: 'a.tine', fileB: 'b.tine', toolCallsOnly: false } })

    expect(handleKey(key({ key: 'n' }), store)).toBe(false)
    expect(handleKey(key({ key: 'Escape' }, document.createElement('input')), store)).toBe(true)
    expect(closed).toEqual(['upper'])
    store.getState().unregisterDialog(upper)
    store.getState().unregisterDialog(lower)

    handleKey(key({ key: 'Escape' }), store)
    expect(store.getState().stepMenu).toBeNull()
    expect(store.getState().diffRequest).not.toBeNull()
    handleKey(key({ key: 'Escape' }), store)
    expect(store.getState().diffRequest).toBeNull()
    expect(handleKey(key({ key: 'Escape' }), store)).toBe(false)
  })

  it('leaves keys typed into a field, held repeats and keys another handler took alone', () => {
    const store = createTineStore()
    store.setState({ folders: [{ folder: '/runs' } as never] })
    const field = document.createElement('input')
    expect(handleKey(key({ key: '/' }, field), store)).toBe(false)
    expect(handleKey(key({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true, repeat: true }), store)).toBe(false)
    const taken = key({ key: '/' })
    taken.preventDefault()
    expect(handleKey(taken, store)).toBe(false)
    expect(store.getState().searchFocusRequests).toBe(0)
    expect(handleKey(key({ key: '/' }), store)).toBe(true)
    expect(store.getState().searchFocusRequests).toBe(1)
    expect(handleKey(key({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }, field), store)).toBe(true)
    expect(store.getState().newRunDialog).toBe(true)
  })
})
