import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { otelSpanId, otelTraceId, runToOtelJson } from './otel'
import { toPlain } from '../tine/json-value'
import { prettyJson } from '../tine/pretty'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { loadRun } from '../../e2e/kit/run-files'

interface Span {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string } }>
  links?: Array<{ spanId: string }>
  status: { code: number; message?: string }
}

async function spansOf(name: string) {
  const run = await loadRun(path.join(FIXTURES_DIR, 'gui/.tine_runs', name))
  const document = runToOtelJson(run, { serviceName: 'tine-test', version: '0.1.0' })
  const plain = toPlain(document) as {
    resourceSpans: Array<{ resource: unknown; scopeSpans: Array<{ scope: unknown; spans: Span[] }> }>
  }
  return { run, document, plain, spans: plain.resourceSpans[0].scopeSpans[0].spans }
}

const attribute = (span: Span, key: string) => span.attributes.find((item) => item.key === key)?.value

describe('OTLP/JSON export', () => {
  it('writes one CLIENT span per step under the service resource and opentine scope', async () => {
    const { run, plain, spans } = await spansOf('demo-running.tine')
    expect(plain.resourceSpans[0].resource).toEqual({
      attributes: [{ key: 'service.name', value: { stringValue: 'tine-test' } }]
    })
    expect(plain.resourceSpans[0].scopeSpans[0].scope).toEqual({ name: 'opentine', version: '0.1.0' })
    expect(spans).toHaveLength(run.stepCount)
    expect(new Set(spans.map((span) => span.spanId)).size).toBe(run.stepCount)
    for (const [index, span] of spans.entries()) {
      const step = run.steps[index]
      expect(span.kind).toBe(3)
      expect(span.traceId).toBe(otelTraceId(run.id))
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/)
      expect(span.spanId).toBe(otelSpanId(run.id, step.id))
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/)
      expect(span.startTimeUnixNano).toMatch(/^\d+$/)
      expect(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)).toBe(
        BigInt(Math.round(step.duration * 1e6)) * 1000n
      )
      expect(attribute(span, 'opentine.cost_usd')?.stringValue).toBe(String(step.cost))
      const primary = step.parentIds.at(-1)
      expect(span.parentSpanId).toBe(primary === undefined ? undefined : otelSpanId(run.id, primary))
    }
    const merge = spans[run.order.indexOf('r3')]
    expect(merge.links?.map((link) => link.spanId)).toEqual([otelSpanId(run.id, 'r2a')])
    expect(attribute(merge, 'gen_ai.usage.input_tokens')?.intValue).toBe('7500')
    expect(attribute(merge, 'gen_ai.request.model')?.stringValue).toBe('claude-haiku-4-5-20251001')
  })

  it('marks error steps with status ERROR and is deterministic', async () => {
    const { run, document, spans } = await spansOf('demo-failed.tine')
    const statuses = spans.map((span) => span.status.code)
    expect(statuses).toEqual(run.steps.map((step) => (step.kind === 'error' || Object.keys(step.error).length ? 2 : 0)))
    expect(spans[run.order.indexOf('f6')].status.message).toContain('already exists')
    const again = runToOtelJson(run, { serviceName: 'tine-test', version: '0.1.0' })
    expect(prettyJson(again)).toBe(prettyJson(document))
  })
})
