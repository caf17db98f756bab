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
