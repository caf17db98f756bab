/** Abort plumbing: a call stops the moment its signal fires, even if the callee ignores the signal. */

/** Why an operation was stopped; carried as the AbortSignal's reason. */
export class StopReason extends Error {
  constructor(
    readonly kind: 'cancelled' | 'timeout' | 'budget',
    message: string
  ) {
    super(message)
    this.name = 'StopReason'
  }
}

export function stopReasonOf(signal: AbortSignal): StopReason | undefined {
  return signal.aborted && signal.reason instanceof StopReason ? signal.reason : undefined
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined)
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

/**
 * A controller that aborts when `parent` aborts, or after `afterMs` with `timeoutReason`.
 * `dispose()` clears the timer and the listener; always call it.
 */
export function childController(
  parent: AbortSignal,
  afterMs?: number,
  timeoutReason?: () => StopReason
): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController()
  const onParent = () => controller.abort(parent.reason)
  if (parent.aborted) controller.abort(parent.reason)
  else parent.addEventListener('abort', onParent, { once: true })
  let timer: ReturnType<typeof setTimeout> | undefined
  if (afterMs !== undefined && Number.isFinite(afterMs) && !controller.signal.aborted) {
    timer = setTimeout(
      () => controller.abort(timeoutReason?.() ?? new StopReason('timeout', `timed out after ${afterMs} ms`)),
      Math.max(0, afterMs)
    )
  }
  return {
    controller,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer)
      parent.removeEventListener('abort', onParent)
    }
  }
}
