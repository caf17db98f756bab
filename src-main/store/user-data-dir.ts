/**
 * The user's data folder, shared by the CLI, browser mode and the desktop app (Electron's userData
 * resolves to the same place because the app is named "opentine"). Override with TINE_HOME.
 */
import os from 'node:os'
import path from 'node:path'

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.TINE_HOME) return path.resolve(env.TINE_HOME)
  const home = os.homedir()
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'opentine')
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'opentine')
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'opentine')
}
