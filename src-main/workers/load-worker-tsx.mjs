// Starts the TypeScript load worker when src-main runs from source (tsx, vitest): Node cannot
// pass tsx to a worker through execArgv, so the worker registers tsx itself, then loads the entry.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
