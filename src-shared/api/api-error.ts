/**
 * An error with a code the other side can act on ('not-recorded', 'bad-request' ...). Kept apart
 * from the contract's schemas so that the renderer, which only needs this class, does not bundle zod.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
