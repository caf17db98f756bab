import { describe, expect, it } from 'vitest'
import { afterMoveStart, stepToFollow, type FollowState } from './follow-new-steps'

describe('the live graph following new steps', () => {
  const opened = (file: string, steps: number): FollowState =>
    stepToFollow({ file: null, following: true, steps: 0 }, file, steps, 's0').next

  it('follows each new step of the open run, and not the steps it opened with', () => {
    const start = stepToFollow({ file: null, following: true, steps: 0 }, 'a.tine', 3, 's2')
    expect(start.follow).toBeNull()
    const grown = stepToFollow(start.next, 'a.tine', 4, 's3')
    expect(grown.follow).toBe('s3')
    expect(stepToFollow(grown.next, 'a.tine', 4, 's3').follow).toBeNull()
  })

  it('stops once the user moves the view, but not for moves the app makes', () => {
    let state = opened('a.tine', 2)
    state = afterMoveStart(state, null)
    expect(stepToFollow(state, 'a.tine', 3, 's2').follow).toBe('s2')
    state = afterMoveStart(stepToFollow(state, 'a.tine', 3, 's2').next, { type: 'wheel' })
    expect(stepToFollow(state, 'a.tine', 4, 's3').follow).toBeNull()
  })

  it('follows again when another run is opened', () => {
    const moved = afterMoveStart(opened('a.tine', 2), { type: 'mousedown' })
    const other = stepToFollow(moved, 'b.tine', 5, 'b4')
    expect(other.next.following).toBe(true)
    expect(stepToFollow(other.next, 'b.tine', 6, 'b5').follow).toBe('b5')
  })
})
