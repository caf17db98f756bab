/** Decides whether bytes are text the model may read: UTF-8 without NUL bytes. */
import { ToolError } from './scope'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The text, or undefined for a binary file. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

export function requireText(bytes: Uint8Array, shownPath: string): string {
  const text = decodeText(bytes)
  if (text === undefined) throw new ToolError(`"${shownPath}" is a binary file; only text files can be read`)
  return text
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}
