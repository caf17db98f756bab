import { ApiError } from '../../src-shared/api/api-error'
/** Errors the browser-mode server answers with, as {"error": message, "code": code}. */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

const STATUS_BY_API_CODE: Readonly<Record<string, number>> = {
  'bad-request': 400,
  'unknown-channel': 404,
  'not-found': 404,
  'unknown-step': 404,
  'forbidden-path': 403,
  forbidden: 403,
  // A run file that cannot be parsed or verified: the request was fine, the file is not.
  unreadable: 422,
  // Write actions refused for a tampered or legacy file, or because another writer changed it.
  'read-only': 409,
  conflict: 409,
  // A folder the user must confirm (the root, above home, a system folder), or one too big to watch.
  'confirm-required': 409,
  'too-many-folders': 413,
  'write-failed': 500,
  internal: 500
}

/** Maps anything thrown while serving to a status and a body; internals never leak. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error
  if (error instanceof ApiError || isCodedError(error)) {
    return new HttpError(STATUS_BY_API_CODE[error.code] ?? 400, error.code, error.message)
  }
  return new HttpError(500, 'internal', 'internal error')
}

/** An ApiError that crossed a worker boundary keeps its name and code but not its class. */
function isCodedError(error: unknown): error is { code: string; message: string } {
  return error instanceof Error && error.name === 'ApiError' && typeof (error as { code?: unknown }).code === 'string'
}
