/** A refusal to read a run file, with a code the API maps to its own error codes. */
export class LoadError extends Error {
  constructor(
    readonly code: 'not-found' | 'unreadable' | 'unknown-step',
    message: string
  ) {
    super(message)
    this.name = 'LoadError'
  }
}
