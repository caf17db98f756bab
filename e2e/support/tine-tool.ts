/**
 * Run files for the e2e specs, written with our own core (run with tsx, in a child process, so the
 * Playwright process never loads the core):
 *
 *   tsx e2e/support/tine-tool.ts info <file>...                  run id and steps of each file, as a JSON array
 *   tsx e2e/support/tine-tool.ts append <file> <text>            one more think step on main; prints its id
 *   tsx e2e/support/tine-tool.ts hostile <file>                  a run whose step text carries HTML and script
 *   tsx e2e/support/tine-tool.ts status <file> <status>          re-saves the run with that status (valid digest)
 */
import { loadRun, saveRun } from '../../src-main/store/run-file'
import { Run } from '../../src-shared/run/run'
import { obj, toPlain } from '../../src-shared/tine/json-value'
import { HOSTILE_IMG, HOSTILE_SCRIPT } from './hostile-text'

async function info(file: string): Promise<unknown> {
  const run = await loadRun(file)
  return {
    runId: run.id,
    status: run.status,
    steps: run.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      parentIds: step.parentIds,
      inputs: toPlain(step.inputs)
    }))
  }
}

async function append(file: string, text: string): Promise<unknown> {
  const run = await loadRun(file)
  const step = run.addStep({
    kind: 'think',
    inputs: obj({ text }),
    timestamp: run.steps[run.steps.length - 1].timestamp + 1,
    duration: 0.5
  })
  await saveRun(run, file)
  return { runId: run.id, stepId: step.id, steps: run.stepCount }
}

async function hostile(file: string): Promise<unknown> {
  const run = new Run({
    id: 'e2e-hostile-markup',
    createdAt: 1767225600,
    status: 'completed',
    modelInfo: 'claude-sonnet-4-6',
    systemPrompt: `You are a test agent. ${HOSTILE_SCRIPT}`,
    userPrompt: `Summarise this page: ${HOSTILE_IMG}`
  })
  const think = run.addStep({
    kind: 'think',
    inputs: obj({ text: `The page says ${HOSTILE_IMG} and then ${HOSTILE_SCRIPT} end.` }),
    timestamp: 1767225601
  })
  const tool = run.addStep({
    kind: 'tool',
    inputs: obj({ name: 'fetch_url', arguments: obj({ url: `https://example.org/?q=${HOSTILE_IMG}` }) }),
    outputs: obj({ result: `<html>${HOSTILE_SCRIPT}${HOSTILE_IMG}</html>` }),
    toolInfo: obj({ name: 'fetch_url' }),
    timestamp: 1767225602
  })
  const done = run.addStep({
    kind: 'done',
    inputs: obj({ text: `**Done.** ${HOSTILE_IMG} ${HOSTILE_SCRIPT}` }),
    timestamp: 1767225603
  })
  await saveRun(run, file, { exclusive: true })
  return { runId: run.id, stepIds: { think: think.id, tool: tool.id, done: done.id } }
}

async function setStatus(file: string, status: string): Promise<unknown> {
  const run = await loadRun(file)
  run.status = status as Run['status']
  await saveRun(run, file)
  return { runId: run.id, status }
}

async function main(argv: string[]): Promise<void> {
  const [command, file, ...rest] = argv
  if (!file) throw new Error('usage: tine-tool.ts info|append|hostile <file> [text]')
  const result =
    command === 'info'
      ? await Promise.all([file, ...rest].map(info))
      : command === 'append'
        ? await append(file, rest.join(' ') || 'appended by the e2e test')
        : command === 'hostile'
          ? await hostile(file)
          : command === 'status'
            ? await setStatus(file, rest[0] ?? 'running')
            : undefined
  if (result === undefined) throw new Error(`unknown command ${command}`)
  process.stdout.write(JSON.stringify(result) + '\n')
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`tine-tool: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
