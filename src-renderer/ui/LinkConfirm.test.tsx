// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { tineStore } from '../store/store'
import { LinkConfirm } from './LinkConfirm'

afterEach(() => {
  cleanup()
  tineStore.getState().setPendingLink(null)
})

describe('the link confirmation', () => {
  it('shows a bidi-spoofed address escaped, and closes with Escape', () => {
    tineStore.getState().setPendingLink('https://example.com/invoice\u202Egnp.exe')
    render(<LinkConfirm />)
    expect(screen.getByTestId('link-url').textContent).toBe('https://example.com/invoice\\u{202E}gnp.exe')
    fireEvent.keyDown(screen.getByText('Cancel'), { key: 'Escape' })
    expect(screen.queryByTestId('link-confirm')).toBeNull()
    expect(tineStore.getState().pendingLink ?? null).toBeNull()
  })
})
