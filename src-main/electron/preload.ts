/**
 * The only door from the renderer to the main process. Runs sandboxed, so it is bundled as one
 * CommonJS file that requires nothing but 'electron'. Exposes named methods only; `invoke`
 * refuses channel names the contract does not declare before anything is sent.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { TineBridge } from '../../src-shared/api/bridge'
import { CHANNELS, type PushEvent } from '../../src-shared/api/contract'
import { IPC_EVENT_CHANNEL, ipcChannelName, type IpcReply } from './ipc-reply'

const allowed = new Set<string>(CHANNELS)

/**
 * Failures reject with a plain {error, code} object, not an Error: contextBridge copies only an
 * Error's message, and the renderer needs the code.
 */
const bridge: TineBridge = {
  async invoke(channel: string, request: unknown): Promise<string> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      throw { error: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`, code: 'unknown-channel' }
    }
    const reply = (await ipcRenderer.invoke(ipcChannelName(channel), request)) as IpcReply
    if (reply.ok) return reply.json
    throw { error: reply.error, code: reply.code }
  },
  onEvent(listener: (event: PushEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, pushed: PushEvent): void => listener(pushed)
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward)
    }
  },
  /** The absolute path of a file dropped on the window (File.path no longer exists). */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  }
}

contextBridge.exposeInMainWorld('tineBridge', bridge)
