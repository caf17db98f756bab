/** The agent core's public surface. */
export { Agent, OPENTINE_NATIVE_KIND, type AgentOptions, type ContinueOptions, type ReviewAction } from './agent'
export { BudgetExceededError, type WorkItem } from './loop'
export { ReplayCache, type ReplayStats } from './replay-cache'
export {
  semanticKey,
  modelPayload,
  toolPayload,
  modelRequestKey,
  toolCallKey,
  ConversationKeyer,
  type SemanticKind
} from './semantic-key'
export { analyzeResumePoint, pendingToolOf, needsReviewOf, type ResumePoint, type ResumeAnalysis } from './resume-point'
export { checkArguments, runTool, DEFAULT_TOOL_TIMEOUT_MS, type ToolOutcome, type ToolFailure } from './tools'
export { BudgetMeter, budgetManifest, breachMessage, type BudgetBreach, type BudgetDimension } from './budget'
export { messagesFromTranscript, messageToJson, toolResultContent } from './transcript'
export { responseToJson, responseFromJson, usageToJson } from './cache-entry'
export { AgentError, isAgentError, type AgentErrorCode } from './errors'
export * from './types'
