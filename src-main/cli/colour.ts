/**
 * Colour for the CLI's human output: on a terminal only, never when piped, never with NO_COLOR
 * (no-color.org); FORCE_COLOR turns it on anyway. JSON output is never coloured.
 */
import picocolors from 'picocolors'

export type Colours = ReturnType<typeof picocolors.createColors>

export function colourWanted(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env
): boolean {
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true && env.TERM !== 'dumb'
}

export function terminalColours(): Colours {
  return picocolors.createColors(colourWanted())
}
