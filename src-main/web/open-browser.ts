/** Opens a URL in the user's browser when there is a screen to show it on. */
import { spawn } from 'node:child_process'

export function canOpenBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): boolean {
  if (platform === 'darwin' || platform === 'win32') return true
  // On Linux and the BSDs a browser needs a display; over plain SSH there is none.
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/** Best effort: failure to launch a browser is not an error, because the URL is printed anyway. */
export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // rundll32 takes the URL verbatim; `cmd /c start` would split it at '&'.
          ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // no opener installed
  }
}
