/** The `tine` program: commander wiring, exit codes and the one place errors are reported. */
import { Command, CommanderError } from 'commander'
import { TOOL_NAME } from '../../src-shared/tine/version'
import { classifyError, EXIT_OK, EXIT_USAGE, oneLine } from './errors'
import { currentExitCode, resetExitCode } from './exit-status'
import { errorLine } from './output'

type Register = (program: Command) => void

interface CommandModule {
  /** The command names the module registers. */
  names: string[]
  load: () => Promise<Register>
}

/**
 * Every command module, listed explicitly. Only the module of the command being run is imported
 * (all of them for help or an unknown command), so startup does not pay for the whole core.
 */
const COMMANDS: CommandModule[] = [
  { names: ['show'], load: () => import('./commands/show').then((m) => m.registerShow) },
  { names: ['ls', 'search'], load: () => import('./commands/listing').then((m) => m.registerListing) },
  { names: ['verify'], load: () => import('./commands/verify').then((m) => m.registerVerify) },
  { names: ['sign'], load: () => import('./commands/sign').then((m) => m.registerSign) },
  { names: ['keygen'], load: () => import('./commands/keygen').then((m) => m.registerKeygen) },
  { names: ['fork'], load: () => import('./commands/fork').then((m) => m.registerFork) },
  { names: ['diff'], load: () => import('./commands/diff').then((m) => m.registerDiff) },
  { names: ['run'], load: () => import('./commands/run').then((m) => m.registerRun) },
  { names: ['replay'], load: () => import('./commands/replay').then((m) => m.registerReplay) },
  { names: ['pause', 'resume'], load: () => import('./commands/pause-resume').then((m) => m.registerPauseResume) },
  { names: ['cost'], load: () => import('./commands/cost').then((m) => m.registerCost) },
  { names: ['tag'], load: () => import('./commands/tag').then((m) => m.registerTag) },
  { names: ['migrate'], load: () => import('./commands/migrate').then((m) => m.registerMigrate) },
  { names: ['export'], load: () => import('./commands/export').then((m) => m.registerExport) },
  { names: ['ui'], load: () => import('./commands/ui').then((m) => m.registerUi) }
]

const VERSION = TOOL_NAME.split('/')[1] ?? '0.0.0'

/** The command word, or undefined when none is given. */
function commandWord(argv: string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'))
}

const KNOWN_WORDS = new Set(COMMANDS.flatMap((module) => module.names))

/** Whether a command's module must be imported to handle this command line. */
function needed(argv: string[], names: string[]): boolean {
  const word = commandWord(argv)
  // `tine --version` answers before any command runs: it needs none of them.
  if (word === undefined && argv.some((arg) => arg === '-V' || arg === '--version')) return false
  // Help, no command and unknown commands need every command registered (listing, suggestions).
  if (word === undefined || word === 'help' || !KNOWN_WORDS.has(word)) return true
  return names.includes(word)
}

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('tine')
    .description('git for agent runs: inspect, verify, fork, diff and replay .tine artifacts')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `tine: ${text}` : text) })
  const wanted = COMMANDS.filter((module) => needed(argv, module.names))
  for (const register of await Promise.all(wanted.map((module) => module.load()))) register(program)
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
    if (reported.message !== null) errorLine(oneLine(reported.message))
    if (reported.internal && process.env.TINE_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(error.stack + '\n')
    }
    return reported.exitCode
  }
}
