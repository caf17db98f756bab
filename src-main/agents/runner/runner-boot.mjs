// Starts runner-main.ts through tsx, the way bin.mjs starts the CLI: no build step, and a
// tsconfig.json in the user's working directory cannot change how the runner is compiled.
import { register } from 'tsx/esm/api'

register({ tsconfig: false })
await import('./runner-main.ts')
