/** The app's one keydown listener: it turns a key press into a chord and runs the keymap's first match. */
import type { TineStore } from '../store/store'
import { KEYMAP, type KeyBinding } from './keymap'

/** Keys typed into a field are text, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const element = target as HTMLElement
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable === true
}

/**
 * The chord of a key press. Letters are lower case, with Shift when it was held; with Ctrl or Cmd
 * the letter comes from the physical key, so Ctrl+Shift+N works on any layout. Shift is not part of
 * other keys ('/' needs Shift on some layouts).
 */
export function chordOf(event: KeyboardEvent): string {
  const mod = event.ctrlKey || event.metaKey
  const physical = /^Key([A-Z])$/.exec(event.code ?? '')
  const letter = mod && physical ? physical[1] : /^[a-z]$/i.test(event.key) ? event.key : null
  const parts: string[] = []
  if (mod) parts.push('Mod')
  if (event.altKey) parts.push('Alt')
  if (letter && event.shiftKey) parts.push('Shift')
  parts.push(letter ? letter.toLowerCase() : event.key)
  return parts.join('+')
}

/** Runs the binding the key press asks for; returns whether one did. */
export function handleKey(event: KeyboardEvent, store: TineStore, keymap: readonly KeyBinding[] = KEYMAP): boolean {
  if (event.defaultPrevented) return false
  const chord = chordOf(event)
  const typing = isTyping(event.target)
  const state = store.getState()
  const binding = keymap.find(
    (entry) =>
      entry.key === chord && (entry.inFields || !typing) && (entry.repeats || !event.repeat) && entry.when(state)
  )
  if (!binding) return false
  event.preventDefault()
  binding.run(state)
  return true
}

/** Installs the listener on the window; returns its removal. */
export function installKeymap(win: Window, store: TineStore): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    handleKey(event, store)
  }
  win.addEventListener('keydown', onKeyDown)
  return () => win.removeEventListener('keydown', onKeyDown)
}
