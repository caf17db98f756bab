/**
 * The `tine` command's own build (`node src-main/scripts/build.mjs` runs it after electron-vite):
 *   out/cli/main.js          the CLI (ESM, node_modules stay external), its chunks beside it
 *   out/cli/load-worker.js   the run loader thread `tine ui` starts
 *   out/cli/runner-main.js   the agent runner process `tine run` forks
 *   out/cli/sources.json     every source file the build read, with its mtime: bin.mjs runs the
 *                            compiled CLI only while none of them changed, and tsx otherwise
 */
import { statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const root = dirname(fileURLToPath(import.meta.url))
// TINE_OUT_DIR: see electron.vite.config.ts.
const outDir = resolve(root, process.env.TINE_OUT_DIR ?? 'out', 'cli')

/** Records the source files of the bundle, so a stale build is noticed without reading them. */
function sourceStamp(): Plugin {
  return {
    name: 'tine-source-stamp',
    async writeBundle() {
      const sources: Record<string, number> = {}
      for (const id of this.getModuleIds()) {
        if (!id.startsWith(root) || id.includes('/node_modules/') || id.includes('\0')) continue
        const file = id.split('?')[0]
        sources[relative(root, file)] = statSync(file).mtimeMs
      }
      await writeFile(resolve(outDir, 'sources.json'), JSON.stringify({ builtAt: Date.now(), sources }) + '\n')
    }
  }
}

export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [sourceStamp()],
  build: {
    ssr: true,
    target: 'node20',
    outDir,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        main: resolve(root, 'src-main/cli/main.ts'),
        'load-worker': resolve(root, 'src-main/workers/load-worker.ts'),
        'runner-main': resolve(root, 'src-main/agents/runner/runner-main.ts')
      },
      // Chunks sit beside the entries: the modules that find files relative to themselves
      // (the renderer build, the worker, the runner) see the same folder depth as in src-main.
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
    }
  },
  // Bundled: resolving and compiling them from node_modules is a large share of a short command's start-up.
  ssr: { target: 'node', noExternal: ['commander', /^@noble\//] }
})
