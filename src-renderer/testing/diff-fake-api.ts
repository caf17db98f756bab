/** The explorer's FakeApi plus the diff channels, answered by the shared core from real files. */
import type { Channel, RequestOf, ResponseOf } from '../../src-shared/api/contract'
import { buildDiffView } from '../../src-shared/run/diff/diff-view'
import { stepPairDetail } from '../../src-shared/run/diff/step-delta'
import { FakeApi } from '../../e2e/kit/fake-api'
import { loadRun } from '../../e2e/kit/run-files'

/** What crosses IPC/HTTP is JSON: the renderer must cope with ordinary prototypes again. */
function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

export class DiffFakeApi extends FakeApi {
  /** Resolves held runs.diff calls when set, so a test can overtake one request with another. */
  holdDiff: Promise<void> | null = null

  override async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (channel === 'runs.diff') {
      this.calls.push({ channel, request })
      const { fileA, fileB, toolCallsOnly } = request as RequestOf<'runs.diff'>
      const hold = this.holdDiff
      if (hold) await hold
      return overTheWire(
        buildDiffView(loadRun(fileA), loadRun(fileB), { toolCallsOnly, fileA, fileB })
      ) as ResponseOf<C>
    }
    if (channel === 'runs.stepPair') {
      this.calls.push({ channel, request })
      const { fileA, stepA, fileB, stepB } = request as RequestOf<'runs.stepPair'>
      return overTheWire(stepPairDetail(loadRun(fileA), stepA, loadRun(fileB), stepB)) as ResponseOf<C>
    }
    return super.invoke(channel, request)
  }
}
