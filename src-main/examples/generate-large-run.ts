/**
 * Big synthetic runs for benchmarks: realistic think/tool/model/done steps with text, tool
 * arguments, results and usage, about 650 bytes per step on disk, with side branches. The same
 * seed always gives the same bytes, so benchmark inputs are comparable between machines.
 *
 *   npx tsx src-main/examples/generate-large-run.ts --steps 15900 [--seed 1] [--out FILE]
 *
 * Without --out the file goes to .bench/large-<steps>-<seed>.tine.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Command } from 'commander'
import { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { obj, type JsonObject } from '../../src-shared/tine/json-value'
import '../store/node-hash'
import { seededRandom } from './seeded-random'

export interface LargeRunOptions {
  /** Total number of steps, branches included. */
  steps: number
  seed?: number
  /** Start a side branch after about this many main-line steps (0 = never). */
  branchEvery?: number
  /** Each tool result also carries a file body of about this many characters, as read_file returns (0 = none). */
  payloadChars?: number
}

const WORDS = (
  'the build fails because the parser rejects a trailing comma in the config file so I will read ' +
  'the loader first then check which tests cover it and patch the smallest place that keeps the ' +
  'public api stable before running the suite again with coverage enabled on every module'
).split(' ')
const FILES = [
  'src/config/loader.ts',
  'src/parser/tokens.ts',
  'test/parser.test.ts',
  'README.md',
  'package.json',
  'src/cli/main.ts',
  'docs/format.md'
]
const TOOLS = ['read_file', 'grep', 'run_tests', 'edit_file', 'list_dir']
const MODELS = ['claude-sonnet-4-6', 'gpt-5-mini']

class Synth {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = seededRandom(seed)
  }

  int(below: number): number {
    return Math.floor(this.next() * below)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  sentence(minWords: number, maxWords: number): string {
    const count = minWords + this.int(maxWords - minWords + 1)
    const words: string[] = []
    for (let i = 0; i < count; i++) words.push(this.pick(WORDS))
    return words.join(' ')
  }
}

/** Lines of source-like text, about `chars` characters long. */
function fileBody(synth: Synth, chars: number): string {
  const lines: string[] = []
  let length = 0
  while (length < chars) {
    const line = `${'  '.repeat(synth.int(4))}${synth.sentence(4, 12)};`
    lines.push(line)
    length += line.length + 1
  }
  return lines.join('\n')
}

function toolStep(
  synth: Synth,
  payloadChars: number
): { inputs: JsonObject; outputs: JsonObject; toolInfo: JsonObject } {
  const name = synth.pick(TOOLS)
  const args =
    name === 'grep'
      ? obj({ pattern: synth.pick(WORDS) + '\\(', path: synth.pick(FILES) })
      : name === 'run_tests'
        ? obj({ filter: synth.pick(FILES), coverage: synth.int(2) === 0 })
        : obj({ path: synth.pick(FILES) })
  const result = `${1 + synth.int(500)}: ${synth.sentence(2, 5)}`
  const outputs = payloadChars > 0 ? obj({ result, content: fileBody(synth, payloadChars) }) : obj({ result })
  return { inputs: obj({ name, arguments: args }), outputs, toolInfo: obj({ name }) }
}

function usage(synth: Synth): JsonObject {
  const input = BigInt(500 + synth.int(20_000))
  const output = BigInt(20 + synth.int(800))
  return obj({ input, output })
}

/** A deterministic run of `steps` steps; the side branches hang off the main line. */
export function generateLargeRun(options: LargeRunOptions): Run {
  const seed = options.seed ?? 1
  const branchEvery = options.branchEvery ?? 40
  const synth = new Synth(seed)
  const model = MODELS[seed % MODELS.length]
  const run = new Run({
    id: `bench-${options.steps}-steps-seed-${seed}`,
    createdAt: 1767225600.5 + seed,
    status: 'completed',
    modelInfo: model,
    systemPrompt: 'You are a careful coding agent.',
    userPrompt: 'Fix the failing build and explain the change.'
  })
  run.manifest = obj({ kind: 'opentine-native', model: obj({ name: model }), tools: [...TOOLS] })
  // Whole milliseconds, so timestamps print as short as a real recorder's.
  let clockMs = 1767225601_000
  let mainSinceBranch = 0
  let branches = 0
  const add = (ref: string, parentIds?: string[]) => {
    clockMs += 500 + synth.int(4000)
    const roll = synth.int(10)
    const common = { ref, parentIds, timestamp: clockMs / 1000, duration: synth.int(500) / 100 }
    if (roll < 4) {
      const tool = toolStep(synth, options.payloadChars ?? 0)
      return run.addStep({ kind: 'tool', ...common, ...tool })
    }
    if (roll < 8) return run.addStep({ kind: 'think', ...common, inputs: obj({ text: synth.sentence(3, 10) }) })
    return run.addStep({
      kind: 'model',
      ...common,
      inputs: obj({ text: synth.sentence(2, 8) }),
      outputs: obj({ tool_calls: [obj({ name: synth.pick(TOOLS) })] }),
      usage: usage(synth),
      cost: synth.int(900) / 100_000
    })
  }
  while (run.stepCount < options.steps - 1) {
    add('main')
    if (branchEvery > 0 && ++mainSinceBranch >= branchEvery && run.stepCount > 6) {
      mainSinceBranch = 0
      const ref = `try-${++branches}`
      const order = run.order
      let parent = order[order.length - 1 - synth.int(5)]
      for (let i = 0, length = 2 + synth.int(4); i < length && run.stepCount < options.steps - 1; i++)
        parent = add(ref, [parent]).id
    }
  }
  if (run.stepCount < options.steps) {
    run.addStep({
      kind: 'done',
      inputs: obj({ text: 'The build passes again; the parser now accepts a trailing comma.' }),
      timestamp: clockMs / 1000 + 1
    })
  }
  return run
}

/** The file text of a generated run (what opentine would write for it). */
export function generateLargeRunText(options: LargeRunOptions): string {
  return serializeRun(generateLargeRun(options))
}

function main(argv: string[]): void {
  const program = new Command()
    .name('generate-large-run')
    .description('Write a deterministic synthetic .tine run for benchmarks')
    .requiredOption('--steps <n>', 'number of steps', (value) => Number.parseInt(value, 10))
    .option('--seed <n>', 'seed', (value) => Number.parseInt(value, 10), 1)
    .option('--out <file>', 'output file (default .bench/large-<steps>-<seed>.tine)')
    .parse(argv)
  const options = program.opts<{ steps: number; seed: number; out?: string }>()
  if (!Number.isInteger(options.steps) || options.steps < 1) program.error('--steps must be a positive integer')
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const out = options.out ?? path.join(root, '.bench', `large-${options.steps}-${options.seed}.tine`)
  const text = generateLargeRunText({ steps: options.steps, seed: options.seed })
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, text)
  console.log(`${out}: ${options.steps} steps, ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MiB`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv)
