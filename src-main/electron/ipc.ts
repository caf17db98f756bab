/**
 * Every API channel registered through one wrapper: the sender must be the main frame of one of
 * our windows showing our own renderer file, and the payload is validated by the service
 * (parseRequest) before any handler runs.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../../src-shared/api/contract'
import { ipcChannelName, type IpcReply } from './ipc-reply'
import { messageOf } from '../../src-shared/tine/errors'
import { ApiError } from '../../src-shared/api/api-error'
import { jsonTextOf } from '../workers/wire-json'

export interface DispatchingService {
  /** The result as a JSON transport sends it (see ApiService.dispatchWire). */
  dispatchWire(channel: string, payload: unknown): Promise<unknown>
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  service: DispatchingService
  isTrustedSender(event: IpcMainInvokeEvent): boolean
  /** Told about each successful call, e.g. to remember opened folders as recent. */
  afterDispatch?(channel: string, payload: unknown): void
  logError?(line: string): void
}

/** Registers `tine:<channel>` for every channel; returns a function that removes them again. */
export function registerIpcHandlers(options: IpcOptions): () => void {
  const logError = options.logError ?? ((line: string) => console.error(`opentine: ${line}`))
  for (const channel of CHANNELS) {
    options.ipcMain.handle(ipcChannelName(channel), async (event, payload: unknown): Promise<IpcReply> => {
      if (!options.isTrustedSender(event))
        return { ok: false, error: 'request from an unknown window refused', code: 'forbidden' }
      try {
        const json = jsonTextOf(await options.service.dispatchWire(channel, payload))
        options.afterDispatch?.(channel, payload)
        return { ok: true, json }
      } catch (error) {
        return errorReply(error, channel, logError)
      }
    })
  }
  return () => {
    for (const channel of CHANNELS) options.ipcMain.removeHandler(ipcChannelName(channel))
  }
}

function errorReply(error: unknown, channel: string, logError: (line: string) => void): IpcReply {
  const code = (error as { code?: unknown } | null)?.code
  if (error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && typeof code === 'string')) {
    return { ok: false, error: error.message, code: code as string }
  }
  logError(`${channel}: ${messageOf(error)}`)
  return { ok: false, error: 'internal error', code: 'internal' }
}
