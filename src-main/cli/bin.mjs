#!/usr/bin/env node
// The `tine` command. Runs the TypeScript sources directly through tsx, so no build step is needed.
import { register } from 'tsx/esm/api'

// tsconfig: false keeps a tsconfig.json in the user's working directory from changing how we compile.
register({ tsconfig: false })
const { main } = await import('./main.ts')
process.exitCode = await main(process.argv.slice(2))
