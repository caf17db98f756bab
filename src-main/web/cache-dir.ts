/** Where browser mode keeps the per-folder run index: the platform's user cache folder. */
import os from 'node:os'
import path from 'node:path'

export function userCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.TINE_CACHE_DIR) return path.resolve(env.TINE_CACHE_DIR)
  const home = os.homedir()
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'opentine')
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'opentine', 'Cache')
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'opentine')
}
