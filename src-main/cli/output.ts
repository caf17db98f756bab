/** Everything the CLI prints goes through here, so tests and --json stay predictable. */
import { prettyJson } from '../../src-shared/tine/pretty'
import type { JsonValue } from '../../src-shared/tine/json-value'

export function out(line = ''): void {
  process.stdout.write(line + '\n')
}

export function warn(line: string): void {
  process.stderr.write(`warning: ${line}\n`)
}

/**
 * One JSON object, keys sorted, 2-space indent (spec §17). Built from the value model, so ints
 * print as ints and floats keep their `.0`, exactly as Python's json.dumps prints them.
 */
export function outJson(value: JsonValue): void {
  process.stdout.write(prettyJson(value) + '\n')
}
