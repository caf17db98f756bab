/**
 * Text from a file shown as what it is: bidirectional overrides and other invisible format characters
 * (which can make `invoice\u202Egnp.exe` display as "invoiceexe.png") are replaced by a visible escape.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`)
}
