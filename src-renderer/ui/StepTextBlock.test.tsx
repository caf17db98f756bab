// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { StepTextBlock } from './StepTextBlock'

afterEach(cleanup)

describe('step text', () => {
  it('renders one long unbroken word in bounded chunks, with show more and show all', () => {
    const word = 'x'.repeat(1_000_000)
    render(<StepTextBlock label="output" text={word} />)
    const shownLength = () => document.querySelector('.markdown')?.textContent?.trim().length ?? 0
    expect(shownLength()).toBe(10_000)
    expect(screen.getByTestId('text-more').textContent).toContain('990,000 more characters')
    fireEvent.click(screen.getByText('show more'))
    expect(shownLength()).toBe(20_000)
    fireEvent.click(screen.getByText('show all'))
    expect(shownLength()).toBe(1_000_000)
    expect(screen.queryByTestId('text-more')).toBeNull()
  })

  it('shows short text whole, with no chunk control', () => {
    render(<StepTextBlock label="output" text="hello" />)
    expect(screen.queryByTestId('text-more')).toBeNull()
  })
})
