#!/usr/bin/env node
// The `tine` command. Runs the CLI the build compiled (out/cli/main.js) while it is up to date
// with every source file it was built from; otherwise, as on a fresh checkout with no build, it
// runs the TypeScript sources through tsx. TINE_CLI_SOURCE=1 forces the sources.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { currentCompiledEntry } from './compiled-entry.mjs'

const compiled =
  process.env.TINE_CLI_SOURCE === '1' ? null : currentCompiledEntry(fileURLToPath(new URL('../../', import.meta.url)))
let main
if (compiled) {
  ;({ main } = await import(pathToFileURL(compiled).href))
} else {
  const { register } = await import('tsx/esm/api')
  // tsconfig: false keeps a tsconfig.json in the user's working directory from changing how we compile.
  register({ tsconfig: false })
  ;({ main } = await import('./main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
