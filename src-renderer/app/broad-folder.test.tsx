// @vitest-environment jsdom
/**
 * A folder the main side will not open unasked (the root, above home, a system folder): the app
 * shows why, and asks again with the confirmation only when the user chooses "Open anyway".
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ApiError } from '../../src-shared/api/api-error'
import type { Channel, PushEvent, RequestOf, ResponseOf, TineApi } from '../../src-shared/api/contract'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { App } from '../App'
import { tineStore } from '../store/store'
import { connectClient } from '../testing/connect-client'

const BROAD = '/srv/everyone'
const REASON = `${BROAD} is above your home folder /srv/everyone/me`

/** Answers like the main side: a broad folder is refused until the request carries the confirmation. */
class BroadFolderApi implements TineApi {
  opens: RequestOf<'folders.open'>[] = []
  folders: FolderSnapshot[] = []
  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const answer = (): unknown => {
      if (channel === 'app.info') return { version: 'test', mode: 'browser', platform: 'linux' }
      if (channel === 'folders.list') return this.folders
      if (channel !== 'folders.open') throw new ApiError('unknown-channel', channel)
      const open = request as RequestOf<'folders.open'>
      this.opens.push(open)
      if (!open.confirmBroad) throw new ApiError('confirm-required', `${REASON}: opening it lists and watches folders`)
      this.folders = [{ folder: BROAD, singleFile: null, runs: [], watchMode: 'events' }]
      return this.folders
    }
    return answer() as ResponseOf<C>
  }
  onEvent(_listener: (event: PushEvent) => void): () => void {
    return () => {}
  }
}

const initialState = tineStore.getState()
let api: BroadFolderApi
beforeEach(async () => {
  tineStore.setState(initialState, true)
  api = new BroadFolderApi()
  const { calls } = connectClient(api)
  render(<App />)
  await act(() => calls.loadFolders())
})
afterEach(cleanup)

async function typePath(folder: string) {
  fireEvent.change(screen.getByTestId('open-path-input'), { target: { value: folder } })
  await act(async () => {
    fireEvent.submit(screen.getByTestId('open-path-form'))
  })
}

it('opens a broad folder only after "Open anyway", which sends the confirmation', async () => {
  await typePath(BROAD)
  expect(screen.getByTestId('broad-folder-reason').textContent).toContain(REASON)
  expect(api.opens).toEqual([{ paths: [BROAD] }])
  expect(tineStore.getState().notice).toBeNull()
  await act(async () => {
    fireEvent.click(screen.getByTestId('broad-folder-open'))
  })
  await waitFor(() => expect(tineStore.getState().folders.map((snapshot) => snapshot.folder)).toEqual([BROAD]))
  expect(api.opens[1]).toEqual({ paths: [BROAD], confirmBroad: true })
  expect(screen.queryByTestId('broad-folder-dialog')).toBeNull()
})

it('Cancel and Escape leave it unopened, and nothing more is sent', async () => {
  await typePath(BROAD)
  fireEvent.click(screen.getByTestId('broad-folder-cancel'))
  expect(screen.queryByTestId('broad-folder-dialog')).toBeNull()
  await typePath(BROAD)
  fireEvent.keyDown(screen.getByTestId('broad-folder-dialog'), { key: 'Escape' })
  expect(screen.queryByTestId('broad-folder-dialog')).toBeNull()
  expect(api.opens.every((open) => !open.confirmBroad)).toBe(true)
  expect(tineStore.getState().folders).toEqual([])
})
