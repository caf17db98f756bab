/**
 * A tiny HTTP server on 127.0.0.1 (random port) that records every request and answers with
 * whatever the test's script says. The wire-format servers build on it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: any
}

export type Responder = (request: ReceivedRequest, index: number, response: ServerResponse) => void | Promise<void>

export interface FakeServer {
  url: string
  requests: ReceivedRequest[]
  close(): Promise<void>
}

export async function startFakeServer(responder: Responder): Promise<FakeServer> {
  const requests: ReceivedRequest[] = []
  const open = new Set<ServerResponse>()
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: text ? JSON.parse(text) : undefined
      }
      const index = requests.push(request) - 1
      open.add(response)
      response.on('close', () => open.delete(response))
      Promise.resolve(responder(request, index, response)).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(599)
        response.end(String(error.message))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy()
        server.close(() => resolve())
      })
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

/** Splits text into pieces of `size`, so a value really arrives across several deltas. */
export function pieces(text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out.length ? out : ['']
}
