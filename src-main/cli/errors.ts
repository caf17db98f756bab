/** Errors the CLI reports as one line, and the exit codes it uses (spec §17). */
import { messageOf, TineError } from '../../src-shared/tine/errors'
import { TargetExistsError } from '../store/atomic-write'

export const EXIT_OK = 0
/** A failed check, a difference (`diff --exit-code`) or a refused input file. */
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
/** EX_SOFTWARE: a bug in tine itself. */
export const EXIT_INTERNAL = 70

/** A refusal the user can act on: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED
  ) {
    super(message)
    this.name = 'UserError'
  }
}

/** Wrong arguments or flags: exit 2, like commander's own usage errors. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT_USAGE)
    this.name = 'UsageError'
  }
}

/** A check that ran and failed after printing its own report; nothing more to print. */
export class CheckFailed extends Error {
  constructor(readonly exitCode: number = EXIT_FAILED) {
    super('check failed')
    this.name = 'CheckFailed'
  }
}

const FILE_ERROR_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'EROFS',
  'ENOSPC',
  'EEXIST',
  'ELOOP',
  'EMFILE',
  'ENAMETOOLONG'
])

export interface Reported {
  message: string | null
  exitCode: number
  internal: boolean
}

/** How the top level reports any thrown value. */
export function classifyError(error: unknown): Reported {
  if (error instanceof CheckFailed) return { message: null, exitCode: error.exitCode, internal: false }
  if (error instanceof UserError) return { message: error.message, exitCode: error.exitCode, internal: false }
  if (error instanceof TineError) return { message: error.message, exitCode: EXIT_FAILED, internal: false }
  // RunLookupError is matched by name: importing run-lookup here would load the whole core at startup.
  if (error instanceof TargetExistsError || (error instanceof Error && error.name === 'RunLookupError'))
    return { message: error.message, exitCode: EXIT_FAILED, internal: false }
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code === 'string' && FILE_ERROR_CODES.has(code)) {
    return { message: (error as Error).message, exitCode: EXIT_FAILED, internal: false }
  }
  const message = messageOf(error)
  return { message: `internal error: ${message}`, exitCode: EXIT_INTERNAL, internal: true }
}

/** Keeps a message on one line, so a hostile file name or payload cannot forge output lines. */
export function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ')
  // A JSON path 500 levels deep is not a readable message; keep both ends.
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 80)} … ${flat.slice(-77)}` : flat
}

const MAX_MESSAGE = 400
