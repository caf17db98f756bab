/**
 * One build for the whole app (`node src-main/scripts/build.mjs`):
 *   out/main/index.js        Electron main process (ESM) + out/main/load-worker.js (the run loader thread)
 *   out/preload/index.cjs    the preload: CommonJS in one file, because sandboxed preloads cannot load ESM
 *                            or anything but 'electron' (so its few dependencies are bundled in)
 *   out/renderer/            the React app; browser mode serves this same folder
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const root = dirname(fileURLToPath(import.meta.url))
// TINE_OUT_DIR builds elsewhere: the build's own test uses it, so it never empties the out/ other tests run.
const out = resolve(root, process.env.TINE_OUT_DIR ?? 'out')

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/electron/main.ts'),
          'load-worker': resolve(root, 'src-main/workers/load-worker.ts'),
          // The agent runner is its own process: the controller starts runner-main.js found beside it.
          'runner-main': resolve(root, 'src-main/agents/runner/runner-main.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    // ES-module workers can code-split: elk (2.6 MB) becomes its own chunk, fetched only for runs small enough for it.
    worker: { format: 'es' },
    build: {
      outDir: resolve(out, 'renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') }
    }
  }
})
