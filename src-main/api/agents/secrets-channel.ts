/**
 * settings.setSecret: write-only. In Electron the key is encrypted by the OS keychain; browser
 * mode has no encrypted storage, so it refuses and says to use the environment instead.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import { canStoreSecrets } from './catalog'
import { SETTING_NAMES, type AgentEnvironment } from './credentials'
import { ApiError } from '../../../src-shared/api/api-error'

export async function setSecretAction(
  environment: AgentEnvironment,
  request: RequestOf<'settings.setSecret'>
): Promise<{ ok: true }> {
  const store = environment.secretStore
  if (!store || !canStoreSecrets(environment)) {
    throw new ApiError(
      'unavailable',
      `keys cannot be stored here: there is no encrypted storage in this mode; set ${request.name} in the environment of the app (or of \`tine ui\`) instead`
    )
  }
  try {
    await store.setSecret(SETTING_NAMES[request.name], request.value)
  } catch (error) {
    // The store's refusals are one line for the user; the value is never part of them.
    throw new ApiError(
      'unavailable',
      error instanceof Error ? error.message.split('\n')[0] : 'the key could not be stored'
    )
  }
  return { ok: true }
}
