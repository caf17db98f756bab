/** Reads a JSON request body with a size cap, so one request cannot exhaust memory. */
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error'

export const MAX_BODY_BYTES = 1024 * 1024

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new HttpError(413, 'payload-too-large', `request body over ${limit} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new HttpError(413, 'payload-too-large', `request body over ${limit} bytes`)
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  // Requiring JSON keeps plain HTML forms (which cannot send this type) from posting here at all.
  if (type !== 'application/json') throw new HttpError(415, 'unsupported-media-type', 'request body must be application/json')
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'bad-request', 'request body is not valid JSON')
  }
}
