/**
 * A small price table so every model step carries a cost. Prices are USD per million tokens
 * from the providers' public price lists; a model not listed costs 0 and its billing says
 * "unknown", so a reader never mistakes a missing price for a free call.
 */
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import type { TokenUsage } from '../../../src-shared/agents/types'

export interface ModelPrice {
  input: number
  output: number
  cacheRead: number
  cacheWrite5m: number
}

export const PRICE_CATALOG_ID = 'opentine-desktop/prices-2025-11'

const ANTHROPIC_PRICES: Record<string, ModelPrice> = {
  'claude-opus-4-5': { input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25 },
  'claude-opus-4-1': { input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75 },
  'claude-opus-4': { input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75 },
  'claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75 },
  'claude-3-7-sonnet': { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite5m: 1 }
}

// OpenAI has no cache-write charge; cached prompt tokens are billed at the cached rate.
const OPENAI_PRICES: Record<string, ModelPrice> = {
  'gpt-5': { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite5m: 0 },
  'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite5m: 0 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite5m: 0 },
  'gpt-4.1': { input: 2, output: 8, cacheRead: 0.5, cacheWrite5m: 0 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cacheRead: 0.1, cacheWrite5m: 0 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cacheRead: 0.025, cacheWrite5m: 0 },
  'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite5m: 0 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075, cacheWrite5m: 0 },
  o3: { input: 2, output: 8, cacheRead: 0.5, cacheWrite5m: 0 },
  'o4-mini': { input: 1.1, output: 4.4, cacheRead: 0.275, cacheWrite5m: 0 }
}

const PRICES_BY_PROVIDER: Record<string, Record<string, ModelPrice>> = {
  anthropic: ANTHROPIC_PRICES,
  openai: OPENAI_PRICES
}

// Current names from the SDKs' own model lists, newest first; any other name may be typed.
// Not all are priced here: a call to an unpriced one records billing "unknown".
const SUGGESTED_MODELS: Record<string, string[]> = {
  anthropic: ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5', 'claude-haiku-4-5'],
  openai: ['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5', 'gpt-5-mini', 'gpt-4.1', 'gpt-4o-mini']
}

/** Model names the app suggests for a provider. */
export function knownModels(provider: string): string[] {
  return [...(SUGGESTED_MODELS[provider] ?? [])]
}

// A dated snapshot ("claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06") or "-latest" has its
// family's price; anything else (a newer family we do not know) stays unknown.
const SNAPSHOT_SUFFIX = /^-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/

export function findPrice(provider: string, model: string): { id: string; price: ModelPrice } | undefined {
  const table = PRICES_BY_PROVIDER[provider]
  if (!table) return undefined
  if (Object.hasOwn(table, model)) return { id: model, price: table[model] }
  for (const id of Object.keys(table)) {
    if (model.startsWith(id) && SNAPSHOT_SUFFIX.test(model.slice(id.length))) return { id, price: table[id] }
  }
  return undefined
}

export interface PricedCall {
  /**
   * USD, or undefined when the price is unknown: the agent then records cost 0 with billing
   * {"status": "unknown"} (ModelResponse.cost undefined means exactly that).
   */
  cost: number | undefined
  /** The step's `billing` record (spec §3). */
  billing: JsonObject
}

export function priceCall(provider: string, model: string, usage: TokenUsage): PricedCall {
  const found = findPrice(provider, model)
  if (!found) return { cost: undefined, billing: obj({ status: 'unknown', known_subtotal_usd: '0' }) }
  const { price } = found
  const microDollars =
    usage.input * price.input +
    usage.output * price.output +
    (usage.cache_read ?? 0) * price.cacheRead +
    (usage.cache_write_5m ?? 0) * price.cacheWrite5m
  // Rounded to a billionth of a dollar so float noise never shows up in the file.
  const cost = Math.round(microDollars * 1000) / 1e9
  return {
    cost,
    billing: obj({
      status: 'complete',
      known_subtotal_usd: formatUsd(cost),
      catalog_id: PRICE_CATALOG_ID,
      rate_card_id: `${provider}/${found.id}`
    })
  }
}

function formatUsd(cost: number): string {
  return cost.toFixed(9).replace(/\.?0+$/, '') || '0'
}
