/** Reads a JSON request body with a size cap, so one request cannot exhaust memory. */
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error'

export const MAX_BODY_BYTES = 1024 * 1024

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new HttpError(413, 'payload-too-large', `request body over ${limit} bytes`)
  const chunks = await collect(req, limit)
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0)
  if (size === 0) return undefined
  // Requiring JSON keeps plain HTML forms (which cannot send this type) from posting here at all.
  if (type !== 'application/json')
    throw new HttpError(415, 'unsupported-media-type', 'request body must be application/json')
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'bad-request', 'request body is not valid JSON')
  }
}

/** Bytes a refused body may still send before the connection is cut (so the 413 can be read). */
const DRAIN_LIMIT = 16 * MAX_BODY_BYTES

/**
 * The body's chunks, refused past `limit`. A chunked body (no Content-Length) is only found to be
 * too large while it arrives, so the rest is read and dropped before the 413 is sent: a socket
 * closed with unread bytes in it is reset, and the client would see that reset instead of the
 * answer. A body past DRAIN_LIMIT is cut off.
 */
function collect(req: IncomingMessage, limit: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > DRAIN_LIMIT) {
        req.destroy()
        reject(new HttpError(413, 'payload-too-large', `request body over ${limit} bytes`))
      }
    })
    req.on('end', () => {
      if (size <= limit) resolve(chunks)
      else reject(new HttpError(413, 'payload-too-large', `request body over ${limit} bytes`))
    })
    req.on('error', reject)
  })
}
