// @vitest-environment jsdom
/**
 * The diff screen against the real main-side service (handlers, load pool in-process) over copies
 * of the example runs: summary, synchronised graphs, difference walk, partner selection, word diff.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import { openExamples, type OpenedExamples } from '../../src-main/testing/actions-support'
import { App } from '../../src-renderer/App'
import { connectClient } from '../../src-renderer/testing/connect-client'
import { formatCost, formatTokens } from '../../src-renderer/lib/format'
import { tineStore } from '../../src-renderer/store/store'
import { loadRun } from '../kit/run-files'

class RecordingApi implements TineApi {
  calls: { channel: string; request: unknown }[] = []
  constructor(private readonly service: OpenedExamples['service']) {}
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request })
    // Through JSON, as IPC and HTTP deliver it.
    return this.service.dispatch(channel, request).then((answer) => JSON.parse(JSON.stringify(answer)) as ResponseOf<C>)
  }
  onEvent(listener: (event: PushEvent) => void): () => void {
    return this.service.onEvent(listener)
  }
}

const initialState = tineStore.getState()
let service: OpenedExamples['service']
let api: RecordingApi
let fileA: string
let fileB: string
const restore: (() => void)[] = []

beforeAll(() => {
  // jsdom has no layout; React Flow only draws nodes inside a pane with a size.
  for (const [key, value] of [
    ['offsetWidth', 900],
    ['offsetHeight', 700]
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value })
    restore.push(() => original && Object.defineProperty(HTMLElement.prototype, key, original))
  }
})

afterAll(() => {
  for (const undo of restore) undo()
})

beforeEach(async () => {
  tineStore.setState(initialState, true)
  const opened = await openExamples('tine-diff-ui-', undefined, { loadWorkers: 0, log: () => {} })
  service = opened.service
  fileA = opened.file('research-agent.tine')
  fileB = opened.file('research-agent-retry.tine')
  api = new RecordingApi(service)
  const { calls } = connectClient(api)
  render(<App />)
  await act(() => calls.loadFolders())
})

afterEach(async () => {
  cleanup()
  await service.close()
  delete document.body.dataset.ready
  tineStore.setState(initialState, true)
})

async function openDiff(): Promise<HTMLElement> {
  await act(() => tineStore.getState().openDiff(fileA, fileB))
  const view = screen.getByTestId('diff-view')
  await waitFor(() => expect(view.dataset.diffReady).toBe('true'), { timeout: 10_000 })
  await waitFor(() => expect(within(screen.getByTestId('diff-graph-b')).queryAllByText(/.+/).length).toBeGreaterThan(0))
  return view
}

function graphNode(side: 'a' | 'b', stepId: string): HTMLElement {
  const node = screen
    .getByTestId(`diff-graph-${side}`)
    .querySelector<HTMLElement>(`.react-flow__node[data-id="${stepId}"]`)
  if (!node) throw new Error(`no node ${stepId.slice(0, 12)} in graph ${side}`)
  return node
}

async function settle(ms = 30): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)))
}

describe('diff screen', () => {
  it('shows the run-level summary from the DiffView, totals matching each run', async () => {
    await openDiff()
    const state = tineStore.getState()
    const summary = state.diffView!.summary
    const box = screen.getByTestId('diff-summary')
    expect(within(box).getByTestId('diff-added').textContent).toBe(String(summary.added))
    expect(within(box).getByTestId('diff-removed').textContent).toBe(String(summary.removed))
    expect(within(box).getByTestId('diff-changed').textContent).toBe(String(summary.changed))
    // The totals are each run's own, as the explorer computes them for the run header.
    const runA = state.diffRunA!
    const runB = state.diffRunB!
    expect(Number(within(box).getByTestId('diff-cost-a').dataset.value)).toBeCloseTo(runA.costs.totalCost, 9)
    expect(Number(within(box).getByTestId('diff-cost-b').dataset.value)).toBeCloseTo(runB.costs.totalCost, 9)
    expect(within(box).getByTestId('diff-cost-a').textContent).toBe(formatCost(runA.costs.totalCost))
    expect(within(box).getByTestId('diff-tokens-a').textContent).toBe(formatTokens(runA.costs.totalTokens))
    expect(within(box).getByTestId('diff-tokens-b').textContent).toBe(formatTokens(runB.costs.totalTokens))
    expect(within(box).getByTestId('diff-steps-b').textContent).toBe(String(runB.steps.length))
  })

  it('draws both graphs level on the common ancestor, with diff states, and marks the first divergence', async () => {
    await openDiff()
    const view = tineStore.getState().diffView!
    for (const side of ['a', 'b'] as const) {
      const states = side === 'a' ? view.stepsA : view.stepsB
      const nodes = screen.getByTestId(`diff-graph-${side}`).querySelectorAll<HTMLElement>('.react-flow__node')
      // Only the steps in view are drawn (the view opens on the common ancestor); each carries its state.
      expect(nodes.length).toBeGreaterThan(3)
      const drawnStates = new Set([...nodes].map((node) => node.dataset.diffState))
      expect(drawnStates.has('shared')).toBe(true)
      expect(drawnStates.has(side === 'a' ? 'only-a' : 'only-b')).toBe(true)
      for (const node of nodes) {
        const state = states[node.dataset.id!]
        expect(node.dataset.diffState).toBe(state)
        expect(node.classList.contains(`diff-${state}`)).toBe(true)
      }
      const first = side === 'a' ? view.firstDivergence.a : view.firstDivergence.b
      const marked = screen.getByTestId(`diff-graph-${side}`).querySelectorAll<HTMLElement>('.diff-first-divergence')
      expect([...marked].map((node) => node.dataset.id)).toEqual([first])
      expect(marked[0].textContent).toContain('first divergence')
    }
    // Level on the common ancestor: its node sits at the same screen height on both sides.
    const top = (side: 'a' | 'b') => {
      const node = graphNode(side, view.commonAncestor!)
      const viewport = screen.getByTestId(`diff-graph-${side}`).querySelector<HTMLElement>('.react-flow__viewport')!
        .style.transform
      const [, , ty, zoom] = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(viewport)!.map(Number)
      const y = Number(/translate\(([-\d.e]+)px, ?([-\d.e]+)px\)/.exec(node.style.transform)![2])
      return y * zoom + ty
    }
    expect(top('b')).toBeCloseTo(top('a'), 3)
    expect(screen.getByTestId('diff-legend').textContent).toMatch(/only in A.*only in B/)
  })

  it('walks differences with the buttons and N / Shift+N, loading each pair', async () => {
    await openDiff()
    const differences = tineStore.getState().diffView!.differences
    const position = screen.getByTestId('diff-position')
    expect(position.textContent).toBe(`${differences.length} differences`)
    expect((screen.getByTestId('diff-prev') as HTMLButtonElement).disabled).toBe(false)
    fireEvent.click(screen.getByTestId('diff-next'))
    await settle()
    expect(position.textContent).toBe(`1 of ${differences.length}`)
    expect((screen.getByTestId('diff-prev') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.keyDown(window, { key: 'n' })
    fireEvent.keyDown(window, { key: 'N' })
    await settle()
    expect(position.textContent).toBe(`3 of ${differences.length}`)
    const third = differences[2]
    // Both graphs pan to the pair (a short animation): each side shows its step selected.
    await waitFor(() => {
      if (third.a) expect(graphNode('a', third.a).classList.contains('selected')).toBe(true)
      if (third.b) expect(graphNode('b', third.b).classList.contains('selected')).toBe(true)
    })
    fireEvent.keyDown(window, { key: 'N', shiftKey: true })
    await settle()
    expect(position.textContent).toBe(`2 of ${differences.length}`)
    await waitFor(() => expect(screen.getByTestId('diff-pair-panel').dataset.state).toBe('ready'))
    for (let i = 2; i < differences.length; i++) fireEvent.click(screen.getByTestId('diff-next'))
    await settle()
    expect(position.textContent).toBe(`${differences.length} of ${differences.length}`)
    expect((screen.getByTestId('diff-next') as HTMLButtonElement).disabled).toBe(true)
  })

  it('selecting a node selects its partner and shows the pair with a word-level diff and deltas', async () => {
    await openDiff()
    const view = tineStore.getState().diffView!
    // The changed pair whose output text differs (a retried tool call).
    const changed = view.differences.filter((d) => d.kind === 'changed')
    const runA = loadRun(fileA)
    const runB = loadRun(fileB)
    const withText = changed.find(
      (d) => typeof (runA.getStep(d.a!)!.outputs as Record<string, unknown>).result === 'string'
    )!
    fireEvent.click(graphNode('a', withText.a!))
    await settle()
    expect(graphNode('b', withText.b!).classList.contains('selected')).toBe(true)
    expect(screen.getByTestId('diff-position').textContent).toBe(`${withText.index + 1} of ${view.differences.length}`)
    const panel = screen.getByTestId('diff-pair-panel')
    await waitFor(() => expect(panel.dataset.state).toBe('ready'))

    const before = (runA.getStep(withText.a!)!.outputs as Record<string, string>).result
    const after = (runB.getStep(withText.b!)!.outputs as Record<string, string>).result
    const field = panel.querySelector<HTMLElement>('[data-field="outputs.result"]')!
    // Two readable texts, each marked on its own side: deletions in before, insertions in after.
    const beforeText = within(field).getByTestId('word-diff-before')
    const afterText = within(field).getByTestId('word-diff-after')
    expect(beforeText.querySelectorAll('del').length).toBeGreaterThan(0)
    expect(beforeText.querySelectorAll('ins')).toHaveLength(0)
    expect(afterText.querySelectorAll('ins').length).toBeGreaterThan(0)
    expect(afterText.querySelectorAll('del')).toHaveLength(0)
    expect(beforeText.textContent).toBe(before)
    expect(afterText.textContent).toBe(after)

    const costDelta = Number(within(panel).getByTestId('pair-cost-delta').dataset.value)
    const stepA = tineStore.getState().diffRunA!.steps.find((step) => step.id === withText.a)!
    const stepB = tineStore.getState().diffRunB!.steps.find((step) => step.id === withText.b)!
    expect(costDelta).toBeCloseTo(stepB.cost - stepA.cost, 9)
    expect(Number(within(panel).getByTestId('pair-duration-delta').dataset.value)).toBeCloseTo(
      stepB.duration - stepA.duration,
      9
    )

    // From B's side: an added step has no partner, and says so.
    const onlyB = view.differences.find((d) => d.kind === 'only-b')!
    fireEvent.click(graphNode('b', onlyB.b!))
    await settle()
    expect(screen.getByTestId('diff-graph-a').querySelectorAll('.react-flow__node.selected')).toHaveLength(0)
    expect(panel.textContent).toContain('A: no counterpart')
    await waitFor(() => expect(panel.dataset.state).toBe('ready'))
    expect(panel.textContent).toContain('only in B')
  })

  it('re-requests with "compare tool calls only" and closes with Escape', async () => {
    await openDiff()
    fireEvent.click(screen.getByTestId('diff-tool-calls-only'))
    await waitFor(() => expect(screen.getByTestId('diff-view').dataset.mode).toBe('tool-calls'), { timeout: 10_000 })
    const requests = api.calls.filter((call) => call.channel === 'runs.diff').map((call) => call.request)
    expect(requests).toEqual([
      { fileA, fileB },
      { fileA, fileB, toolCallsOnly: true }
    ])
    expect((screen.getByTestId('diff-tool-calls-only') as HTMLInputElement).checked).toBe(true)
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('diff-view')).toBeNull()
    expect(document.querySelector('.workspace')).not.toBeNull()
  })
})
