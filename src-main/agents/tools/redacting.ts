/**
 * Tools whose results never carry the app's API keys. The writer redacts keys on save too,
 * but a step's id is a hash of its content taken when it is recorded (spec 8): a result
 * redacted only on save no longer matches its id, and checkers flag the step. Redacting here,
 * before the step exists, keeps the file free of keys and every id true.
 */
import type { Tool } from '../../../src-shared/agents/types'
import { redactCredentials } from '../../../src-shared/tine/redact'

export function withSecretsRedacted(tools: readonly Tool[], secrets: readonly string[]): Tool[] {
  if (!secrets.length) return [...tools]
  const scrub = (text: string): string => redactCredentials(text, secrets) as string
  return tools.map((tool) => ({
    ...tool,
    async run(args, context) {
      try {
        return redactCredentials(await tool.run(args, context), secrets)
      } catch (error) {
        if (!(error instanceof Error)) throw error
        const clean = new Error(scrub(error.message))
        clean.name = error.name
        throw clean
      }
    }
  }))
}
