/** Every refusal of the core is a TineError with a stable code and a one-line message. */
export type TineErrorCode =
  | 'artifact.too-large'
  | 'artifact.nul-byte'
  | 'artifact.not-utf8'
  | 'artifact.lone-surrogate'
  | 'artifact.structure-excessive'
  | 'artifact.malformed-json'
  | 'artifact.duplicate-key'
  | 'artifact.non-finite'
  | 'artifact.integer-too-many-digits'
  | 'artifact.not-an-object'
  | 'artifact.unsupported-version'
  | 'artifact.invalid-shape'
  | 'artifact.graph-invalid'
  | 'run.unknown-step'
  | 'run.ambiguous-step'
  | 'run.invalid-argument'
  | 'canon.non-finite'
  | 'canon.not-json'
  | 'signature.invalid'
  | 'signature.refused'
  | 'query.invalid'

export class TineError extends Error {
  readonly code: TineErrorCode
  /** JSON path of the offending field, like `$.graph.steps.s1.inputs`, when known. */
  readonly path?: string

  constructor(code: TineErrorCode, message: string, path?: string) {
    super(path ? `${message} at ${path}` : message)
    this.name = 'TineError'
    this.code = code
    this.path = path
  }
}

export function isTineError(value: unknown): value is TineError {
  return value instanceof TineError
}

/** The message of anything thrown: an Error's message, any other value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** An Error's first message line (a one-line report leaves a multi-line cause out); any other value as text. */
export function firstLineOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const end = error.message.indexOf('\n')
  return end < 0 ? error.message : error.message.slice(0, end)
}
