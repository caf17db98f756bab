// What the driver processes of the built main share: every ESM import of 'electron' (the main bundle)
// and every CommonJS require (the preload) in this process gets the recording stand-in.
import Module, { createRequire, register } from 'node:module'

const standInPath = new URL('./electron-stand-in.cjs', import.meta.url).pathname

/** Installs the stand-in for 'electron' and returns it (its `recording` says what the app did). */
export function useElectronStandIn() {
  register(new URL('./electron-resolve-hooks.mjs', import.meta.url))
  const originalResolve = Module._resolveFilename
  Module._resolveFilename = function (request, ...rest) {
    return request === 'electron' ? standInPath : originalResolve.call(this, request, ...rest)
  }
  return createRequire(import.meta.url)(standInPath)
}

/** Polls `check` until it returns something truthy, which it resolves with. */
export async function waitFor(what, check, timeoutMs = 20_000) {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
