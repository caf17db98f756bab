/** The Electron preload puts the bridge on `window.tineBridge`; browser mode and exported pages have none. */
import type { TineBridge } from '../../src-shared/api/bridge'

declare global {
  interface Window {
    tineBridge?: TineBridge
  }
}
