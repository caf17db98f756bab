/** Requests fetch() will not send as written: raw paths with dot-segments, forged Host headers. */
import http from 'node:http'
import net from 'node:net'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export function rawRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        )
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

export interface RawExchange {
  /** The status line's code, or 0 when the connection ended before any response arrived. */
  status: number
  /** Everything the server sent, head and body. */
  received: string
  /** The socket error that ended the exchange (ECONNRESET, EPIPE), if any. */
  error: string | null
}

/**
 * A chunked POST written on a plain TCP socket, one chunk per event-loop turn, the way a client
 * streams a body it does not know the size of. Writing stops when the server answers or the
 * connection ends; the status comes from the bytes the server actually sent, so a reset before
 * any answer reads as status 0 instead of being hidden by a client library's retry or error.
 */
export function rawChunkedPost(
  port: number,
  options: { path: string; headers: Record<string, string>; chunks: Buffer[] }
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    const received: Buffer[] = []
    let error: string | null = null
    let answered = false
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      const text = Buffer.concat(received).toString('utf8')
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      resolve({ status: match ? Number(match[1]) : 0, received: text, error })
    }
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk)
      answered = true
      // The whole answer is in once its declared length has arrived.
      const text = Buffer.concat(received).toString('utf8')
      const head = text.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)
      if (head >= 0 && length && Buffer.byteLength(text.slice(head + 4)) >= Number(length[1])) {
        socket.destroy()
        finish()
      }
    })
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message
    })
    socket.on('close', finish)
    socket.on('connect', async () => {
      const head = [`POST ${options.path} HTTP/1.1`, 'Transfer-Encoding: chunked', 'Connection: close']
      for (const [name, value] of Object.entries(options.headers)) head.push(`${name}: ${value}`)
      socket.write(head.join('\r\n') + '\r\n\r\n')
      for (const chunk of options.chunks) {
        if (answered || socket.destroyed) return
        const flushed = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n')
        if (!flushed) await new Promise((next) => socket.once('drain', next).once('close', next))
        await new Promise((next) => setImmediate(next))
      }
      if (!answered && !socket.destroyed) socket.write('0\r\n\r\n')
    })
  })
}
