import type { ModelResponse } from '../../../src-shared/agents/types'
import type { JsonObject } from '../../../src-shared/tine/json-value'

/**
 * A ModelResponse plus the step's `billing` record (spec 3): "complete" with the rate card
 * when the model is in the price table; for other models `cost` is undefined and billing
 * says "unknown", which the agent records as cost 0.
 */
export interface PricedModelResponse extends ModelResponse {
  billing: JsonObject
}
