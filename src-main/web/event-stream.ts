/** Server-Sent Events: each push event as one `data:` line, with a comment ping to keep proxies and idle timers quiet. */
import type { ServerResponse } from 'node:http'

export const PING_INTERVAL_MS = 15_000

export interface EventSource<E> {
  onEvent(listener: (event: E) => void): () => void
}

/** Streams events to one response until the client goes away; returns a function that ends it. */
export function streamEvents<E>(
  res: ServerResponse,
  source: EventSource<E>,
  headers: Record<string, string>
): () => void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no'
  })
  res.write(': connected\n\n')
  const unsubscribe = source.onEvent((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`)
  })
  const ping = setInterval(() => res.write(': ping\n\n'), PING_INTERVAL_MS)
  ping.unref()
  let ended = false
  const end = (): void => {
    if (ended) return
    ended = true
    clearInterval(ping)
    unsubscribe()
    if (!res.writableEnded) res.end()
  }
  res.on('close', end)
  return end
}
