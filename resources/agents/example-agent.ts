/**
 * The example agent: the built-in offline scripted model (deterministic, no key, no network)
 * with the three built-in read-only tools over one folder. It lists the folder, reads the first
 * file, searches for a word from it and writes a short summary.
 *
 *   tine run resources/agents/example-agent.ts                  # looks at the working directory
 *   TINE_AGENT_FOLDER=some/folder tine run resources/agents/example-agent.ts --prompt "…"
 *
 * Any script whose default export (or `agent`) is an Agent can be run the same way; swap the
 * model for a real provider (src-main/agents/providers) to use one.
 */
import path from 'node:path'
import { Agent } from '../../src-shared/agents/agent'
import { OfflineScriptedModel } from '../../src-main/agents/offline-model'
import { builtinTools } from '../../src-main/agents/tools'

const folder = path.resolve(process.env.TINE_AGENT_FOLDER ?? process.cwd())

export const prompt = `Look around ${folder}: list its files, read one, search it, and summarise what you found.`

export const agent = new Agent({
  model: new OfflineScriptedModel(),
  tools: await builtinTools(folder),
  systemPrompt: 'You explore a folder with read-only tools and report what you find. You never change anything.',
  budget: { maxSteps: 50, onBreach: 'stop' }
})

export default agent
