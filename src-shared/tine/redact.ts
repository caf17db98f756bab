/**
 * Credential redaction on save (spec §13, writer step 2). String values of credential-named
 * keys, the value of a {name, value} header pair naming a credential, "Authorization: ..."
 * strings and strings shaped like provider API keys become "[REDACTED]".
 * It works on a copy; the input is untouched.
 */
import { isObject, newObject, type JsonObject, type JsonValue } from './json-value'

export const REDACTED = '[REDACTED]'

const CREDENTIAL_NAMES = new Set([
  'api_key',
  'apikey',
  'x_api_key',
  'api_token',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'secret_key',
  'access_key',
  'secret_access_key',
  'aws_secret_access_key',
  'private_key',
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth_token',
  'bearer_token',
  'session_token',
  'x_auth_token',
  'anthropic_api_key',
  'openai_api_key'
])
const CREDENTIAL_SUFFIXES = ['_token', '_secret', '_password', '_api_key', '_apikey']
const AUTH_HEADER_STRING = /^\s*(proxy-)?authorization\s*:\s*\S/i
const BEARER_STRING = /^\s*bearer\s+[A-Za-z0-9._~+/=-]{8,}\s*$/i
const MAY_HOLD_KEY = /sk-|gh[pousr]_|AKIA|xox|AIza/
/** Well-known API key shapes (Anthropic, OpenAI, GitHub, AWS, Slack, Google). */
const KEY_SHAPES =
  /\b(?:sk-ant-[A-Za-z0-9_-]{16,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})/g

export function isCredentialName(name: string): boolean {
  const normalized = name.trim().toLowerCase().replace(/-/g, '_')
  if (CREDENTIAL_NAMES.has(normalized)) return true
  return CREDENTIAL_SUFFIXES.some((suffix) => normalized.endsWith(suffix))
}

function redactString(text: string, extraSecrets: readonly string[]): string {
  if (text === REDACTED) return text
  if (AUTH_HEADER_STRING.test(text) || BEARER_STRING.test(text)) return REDACTED
  let out = MAY_HOLD_KEY.test(text) ? text.replace(KEY_SHAPES, REDACTED) : text
  for (const secret of extraSecrets)
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/**
 * Returns a redacted copy. `extraSecrets` are exact strings that must never be written
 * (for example the API keys the app holds), wherever they appear.
 */
export function redactCredentials(value: JsonValue, extraSecrets: readonly string[] = []): JsonValue {
  if (typeof value === 'string') return redactString(value, extraSecrets)
  if (Array.isArray(value)) return value.map((item) => redactCredentials(item, extraSecrets))
  if (!isObject(value)) return value
  const out: JsonObject = newObject()
  const headerPair = typeof value.name === 'string' && typeof value.value === 'string' && isCredentialName(value.name)
  for (const [key, item] of Object.entries(value)) {
    if (headerPair && key === 'value') out[key] = REDACTED
    else if (typeof item === 'string' && isCredentialName(key)) out[key] = REDACTED
    else out[key] = redactCredentials(item, extraSecrets)
  }
  return out
}
