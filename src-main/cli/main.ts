/** The `tine` program: commander wiring, exit codes and the one place errors are reported. */
import { existsSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { TOOL_NAME } from '../../src-shared/tine/version'
import { classifyError, EXIT_OK, EXIT_USAGE, oneLine } from './errors'
import { currentExitCode, resetExitCode } from './exit-status'
import { registerCost } from './commands/cost'
import { registerDiff } from './commands/diff'
import { registerExport } from './commands/export'
import { registerFork } from './commands/fork'
import { registerKeygen } from './commands/keygen'
import { registerListing } from './commands/listing'
import { registerMigrate } from './commands/migrate'
import { registerPauseResume } from './commands/pause-resume'
import { registerReplay } from './commands/replay'
import { registerShow } from './commands/show'
import { registerSign } from './commands/sign'
import { registerTag } from './commands/tag'
import { registerVerify } from './commands/verify'

type Register = (program: Command) => void

const COMMANDS: Register[] = [
  registerShow,
  registerListing,
  registerVerify,
  registerSign,
  registerKeygen,
  registerFork,
  registerDiff,
  registerReplay,
  registerPauseResume,
  registerCost,
  registerTag,
  registerMigrate,
  registerExport
]

/** Commands that live in files another part of the project may or may not have added yet. */
const OPTIONAL_COMMANDS = [{ name: 'ui', file: './commands/ui.ts', exportName: 'registerUi' }]

const VERSION = TOOL_NAME.split('/')[1] ?? '0.0.0'

function wantsOptional(argv: string[], name: string): boolean {
  const first = argv.find((arg) => !arg.startsWith('-'))
  // Loaded only when it can matter, so other commands do not pay for its imports at startup.
  return first === undefined || first === name || first === 'help' || argv.includes('--help') || argv.includes('-h')
}

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('tine')
    .description('git for agent runs: inspect, verify, fork, diff and replay .tine artifacts')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `tine: ${text}` : text) })
  for (const register of COMMANDS) register(program)
  for (const optional of OPTIONAL_COMMANDS) {
    const url = new URL(optional.file, import.meta.url)
    if (!existsSync(url) || !wantsOptional(argv, optional.name)) continue
    let module: Record<string, unknown>
    try {
      module = (await import(url.href)) as Record<string, unknown>
    } catch (error) {
      // Only the command itself may fail because of its module; help and the rest stay usable.
      if (argv.find((arg) => !arg.startsWith('-')) === optional.name) throw error
      if (process.env.TINE_DEBUG === '1') process.stderr.write(`tine: skipped command ${optional.name}: ${String(error)}\n`)
      continue
    }
    const register = module[optional.exportName]
    if (typeof register === 'function') (register as Register)(program)
  }
  return program
}

export async function main(argv: string[]): Promise<number> {
  resetExitCode()
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(currentExitCode()) // `tine ls | head` is not an error
  })
  try {
    const program = await buildProgram(argv)
    await program.parseAsync(argv, { from: 'user' })
    return currentExitCode()
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK
      return EXIT_USAGE
    }
    const reported = classifyError(error)
    if (reported.message !== null) process.stderr.write(`tine: ${oneLine(reported.message)}\n`)
    if (reported.internal && process.env.TINE_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(error.stack + '\n')
    }
    return reported.exitCode
  }
}
