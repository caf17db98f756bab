import { afterAll, describe, expect, it, vi } from 'vitest'
import type { LayoutReply, LayoutRequest } from './layout-protocol'

/**
 * The worker module runs against a stand-in worker scope. elk's bundle, when it finds `self`
 * without `document`, takes over `self.onmessage` on its first layout: the worker must keep
 * answering after that (it once went silent after its first elk layout).
 */
class WorkerScope extends EventTarget {
  onmessage: ((event: MessageEvent) => void) | null = null
  replies: LayoutReply[] = []
  postMessage(reply: LayoutReply) {
    this.replies.push(reply)
  }
  send(request: LayoutRequest) {
    const event = new MessageEvent('message', { data: request })
    this.dispatchEvent(event)
    this.onmessage?.(event)
  }
}

const scope = new WorkerScope()
const previousSelf = (globalThis as { self?: unknown }).self
;(globalThis as { self?: unknown }).self = scope
afterAll(() => {
  ;(globalThis as { self?: unknown }).self = previousSelf
})

describe('layout worker', () => {
  it('answers every request, elk and fast, in turn', async () => {
    await import('./layout.worker')
    const graph = { ids: ['a', 'b', 'c'], parents: [[], [0], [0]] }
    const requests: LayoutRequest[] = [
      { requestId: 1, graph, algorithm: 'elk' },
      { requestId: 2, graph, algorithm: 'elk' },
      { requestId: 3, graph, algorithm: 'fast' }
    ]
    for (const request of requests) {
      scope.send(request)
      await vi.waitFor(() => expect(scope.replies.map((reply) => reply.requestId)).toContain(request.requestId), {
        timeout: 10_000
      })
    }
    expect(scope.replies.map((reply) => [reply.requestId, reply.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true]
    ])
    const last = scope.replies[2]
    expect(last.ok && last.y[1] > last.y[0] && last.y[2] > last.y[0]).toBe(true)
  })
})
