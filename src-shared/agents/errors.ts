/** Refusals of the agent core: one stable code and a one-line message each. */
export type AgentErrorCode =
  | 'agent.busy'
  | 'agent.not-resumable'
  | 'agent.needs-review'
  | 'agent.invalid-review'
  | 'agent.budget-exceeded'
  | 'agent.invalid-run'

export class AgentError extends Error {
  readonly code: AgentErrorCode

  constructor(code: AgentErrorCode, message: string) {
    super(message)
    this.name = 'AgentError'
    this.code = code
  }
}

export function isAgentError(value: unknown): value is AgentError {
  return value instanceof AgentError
}
