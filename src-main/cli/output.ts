/**
 * Everything the CLI prints goes through here, so tests and --json stay predictable. Text lines
 * carry ids, names and labels from files: invisible format characters (bidi overrides) are shown
 * escaped, by the rule the app uses, so a name cannot pose as another. JSON is ASCII-escaped anyway.
 */
import { prettyJson } from '../../src-shared/tine/pretty'
import type { JsonValue } from '../../src-shared/tine/json-value'
import { visibleText } from '../../src-shared/api/visible-text'

export function out(line = ''): void {
  process.stdout.write(visibleText(line) + '\n')
}

export function warn(line: string): void {
  process.stderr.write(`warning: ${visibleText(line)}\n`)
}

/** A one-line error as the user sees it. */
export function errorLine(line: string): void {
  process.stderr.write(`tine: ${visibleText(line)}\n`)
}

/**
 * One JSON object, keys sorted, 2-space indent (spec §17). Built from the value model, so ints
 * print as ints and floats keep their `.0`, exactly as Python's json.dumps prints them.
 */
export function outJson(value: JsonValue): void {
  process.stdout.write(prettyJson(value) + '\n')
}
