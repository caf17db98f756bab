/**
 * An API key never travels over plain http:// to a host other than this machine: anyone on the
 * path could read it. Loopback servers (Ollama, vLLM, LM Studio, test servers) stay usable.
 */
import { ProviderError } from './errors'

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export function assertKeyTransport(baseUrl: string | undefined, apiKey: string | undefined): void {
  if (!apiKey || !baseUrl) return
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return // the provider reports a malformed URL itself
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ProviderError(
      'bad-request',
      `refusing to send an API key over plain http to ${url.host}; use https, or a server on this machine`
    )
  }
}
