import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ModelRequest } from '../../src-shared/agents/types'
import { OFFLINE_MODEL, OfflineScriptedModel } from './offline-model'

const request: ModelRequest = {
  model: OFFLINE_MODEL,
  system: '',
  messages: [{ role: 'user', content: 'go' }],
  tools: []
}

/** Whether the promise has settled after the pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  promise.then(
    () => (done = true),
    () => (done = true)
  )
  await vi.advanceTimersByTimeAsync(0)
  return done
}

describe('the offline model at a human pace', () => {
  afterEach(() => vi.useRealTimers())

  it('holds each answer for its step delay, then answers as it would at once', async () => {
    vi.useFakeTimers()
    const model = new OfflineScriptedModel({ stepDelayMs: 1500 })
    const answer = model.complete(request, { signal: new AbortController().signal })
    await vi.advanceTimersByTimeAsync(1499)
    expect(await settled(answer)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(answer)).toBe(true)
    vi.useRealTimers()
    expect(await answer).toEqual(
      await new OfflineScriptedModel().complete(request, { signal: new AbortController().signal })
    )
  })

  it('stops waiting the moment the request is aborted (Cancel), with the abort reason', async () => {
    vi.useFakeTimers()
    const controller = new AbortController()
    const answer = new OfflineScriptedModel({ stepDelayMs: 60_000 }).complete(request, { signal: controller.signal })
    answer.catch(() => undefined)
    await vi.advanceTimersByTimeAsync(10)
    controller.abort(new Error('cancelled by the user'))
    await expect(answer).rejects.toThrow('cancelled by the user')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('answers at once without a delay', async () => {
    vi.useFakeTimers()
    const answer = new OfflineScriptedModel().complete(request, { signal: new AbortController().signal })
    expect(await settled(answer)).toBe(true)
  })
})
