/** The exit code a command wants after it printed its report (a failed check is not an exception). */
import { EXIT_OK } from './errors'

let exitCode = EXIT_OK

export function setExitCode(code: number): void {
  exitCode = Math.max(exitCode, code)
}

export function currentExitCode(): number {
  return exitCode
}

export function resetExitCode(): void {
  exitCode = EXIT_OK
}
