/**
 * What the issue-4 specs read back from run files, through our own core (run with tsx in a child
 * process, so the Playwright process never loads the core):
 *
 *   tsx e2e/support/actions-tool.ts inspect <file>...   status, refs, steps (with causal ids), fork metadata
 */
import { loadRun } from '../../src-main/store/run-file'
import { toPlain } from '../../src-shared/tine/json-value'

async function inspect(file: string): Promise<unknown> {
  const run = await loadRun(file)
  const metadata = toPlain(run.metadata) as Record<string, unknown>
  return {
    file,
    runId: run.id,
    status: run.status,
    refs: { ...run.refs },
    order: run.order,
    steps: run.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      parentIds: step.parentIds,
      causalIds: step.causalIds ?? []
    })),
    integrityOk: run.provenance.integrity?.ok ?? null,
    forkedFrom: metadata.forked_from ?? null,
    forkPoint: metadata.fork_point ?? null,
    fork: metadata.fork ?? null
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...files] = argv
  if (command !== 'inspect' || files.length === 0) throw new Error('usage: actions-tool.ts inspect <file>...')
  process.stdout.write(JSON.stringify(await Promise.all(files.map(inspect))) + '\n')
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`actions-tool: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
