// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { selectionAfterClick } from '../../src-renderer/run-list/list-selection'
import { tineStore } from '../../src-renderer/store/store'
import { settle, startHarness, type Harness } from './support/actions-harness'

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

const NONE = { ctrlKey: false, metaKey: false, shiftKey: false }
const CTRL = { ...NONE, ctrlKey: true }
const SHIFT = { ...NONE, shiftKey: true }

function spyOnCompare(): Array<[string, string]> {
  const opened: Array<[string, string]> = []
  tineStore.setState({ openDiff: (a: string, b: string) => opened.push([a, b]) } as never)
  return opened
}

function rowOf(name: string): HTMLElement {
  return screen.getAllByTestId(/^run-row-/).find((row) => row.dataset.file!.endsWith(`/${name}`))!
}

function pickedFiles(): string[] {
  return screen
    .getAllByTestId(/^run-row-/)
    .filter((row) => row.dataset.selected === 'true')
    .map((row) => row.dataset.file!)
}

describe('picking runs to compare', () => {
  it('toggles with Ctrl, takes ranges with Shift, starts over on a plain click', () => {
    const order = ['a', 'b', 'c', 'd']
    let selection = selectionAfterClick({ files: [], anchor: null }, 'b', CTRL, order, 'a')
    expect(selection).toEqual({ files: ['a', 'b'], anchor: 'b' })
    selection = selectionAfterClick(selection, 'a', CTRL, order, 'a')
    expect(selection.files).toEqual(['b'])
    // The anchor is the last Ctrl-clicked run, as in file managers.
    selection = selectionAfterClick(selection, 'd', SHIFT, order, 'a')
    expect(selection).toEqual({ files: ['a', 'b', 'c', 'd'], anchor: 'a' })
    selection = selectionAfterClick({ files: ['b'], anchor: 'b' }, 'd', SHIFT, order, 'a')
    expect(selection).toEqual({ files: ['b', 'c', 'd'], anchor: 'b' })
    selection = selectionAfterClick({ files: ['c'], anchor: 'c' }, 'a', SHIFT, order, null)
    expect(selection.files).toEqual(['c', 'b', 'a'])
    expect(selectionAfterClick(selection, 'd', NONE, order, 'a')).toEqual({ files: ['d'], anchor: 'd' })
  })

  it('Ctrl-click picks two runs and "Compare selected" opens origin against fork', async () => {
    harness = await startHarness()
    const opened = spyOnCompare()
    const origin = harness.file('research-agent.tine')
    const fork = harness.file('research-agent-retry.tine')
    await act(async () => {
      fireEvent.click(rowOf('research-agent-retry.tine'))
    })
    await waitFor(() => expect(tineStore.getState().openFile).toBe(fork))
    expect(screen.queryByTestId('compare-bar')).toBeNull()

    fireEvent.click(rowOf('research-agent.tine'), { ctrlKey: true })
    // A pick does not open the run.
    expect(tineStore.getState().openFile).toBe(fork)
    expect(pickedFiles().sort()).toEqual([origin, fork].sort())
    expect(screen.getByTestId('compare-bar').textContent).toContain('2 runs picked')
    fireEvent.click(screen.getByTestId('compare-selected'))
    expect(opened).toEqual([[origin, fork]])

    fireEvent.click(rowOf('incident-merge.tine'), { ctrlKey: true })
    expect(pickedFiles()).toHaveLength(3)
    expect((screen.getByTestId('compare-selected') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(rowOf('incident-merge.tine'), { metaKey: true })
    expect(pickedFiles()).toHaveLength(2)

    fireEvent.click(screen.getByTestId('compare-clear'))
    expect(screen.queryByTestId('compare-bar')).toBeNull()
  })

  it('Shift-click picks the range in list order from the open run', async () => {
    harness = await startHarness()
    const rows = screen.getAllByTestId(/^run-row-/)
    await act(async () => {
      fireEvent.click(rows[0])
    })
    fireEvent.click(rows[2], { shiftKey: true })
    expect(pickedFiles()).toEqual(rows.slice(0, 3).map((row) => row.dataset.file))
    expect(tineStore.getState().openFile).toBe(rows[0].dataset.file)
    await act(async () => {
      fireEvent.click(rows[3])
    })
    expect(screen.queryByTestId('compare-bar')).toBeNull()
    expect(pickedFiles()).toEqual([])
  })
})

describe('fork lineage and "Compare with…"', () => {
  it('shows the family of the open run and compares with a member', async () => {
    harness = await startHarness()
    const opened = spyOnCompare()
    await harness.open('research-agent.tine')
    fireEvent.click(screen.getByTestId('tab-run'))
    const lineage = screen.getByTestId('lineage')
    const origin = tineStore.getState().openRun!
    await waitFor(() =>
      expect(within(lineage).getByTestId(`lineage-node-${origin.runId}`).getAttribute('aria-current')).toBe('true')
    )
    const forkNode = within(lineage)
      .getAllByTestId(/^lineage-node-/)
      .find((node) => node.dataset.file === harness!.file('research-agent-retry.tine'))!
    expect(forkNode).toBeTruthy()
    fireEvent.click(within(forkNode).getByText('compare'))
    expect(opened).toEqual([[harness.file('research-agent.tine'), harness.file('research-agent-retry.tine')]])

    // The origin compares with its newest fork by default; "Compare with…" lets the user choose.
    expect(screen.getByTestId('run-compare').textContent).toContain('Compare with fork')
    fireEvent.click(screen.getByTestId('run-compare-choose'))
    const chooser = screen.getByTestId('compare-dialog')
    fireEvent.change(within(chooser).getByTestId('compare-filter'), { target: { value: 'incident' } })
    const picks = within(chooser).getAllByTestId(/^compare-pick-/)
    expect(picks).toHaveLength(1)
    fireEvent.click(picks[0])
    expect(opened[1]).toContain(harness.file('incident-merge.tine'))

    // Opening a member from the tree.
    const forkButton = within(forkNode).getAllByRole('button')[0]
    await act(async () => {
      fireEvent.click(forkButton)
    })
    await settle()
    await waitFor(() => expect(tineStore.getState().openFile).toBe(harness!.file('research-agent-retry.tine')))
  })
})
