/**
 * The runs this machine started, kept in the user's data folder and never beside a run file, so a
 * received `.tine` cannot claim to be one of them. An entry binds a run id to the agent that ran it:
 * a script (its path and the SHA-256 of its content when the run started) or the app's built-in agent
 * (the provider, model, endpoint and tools the user chose). Resuming trusts this record, never the
 * file's own metadata.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from './atomic-write'

const localAgentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('script'), path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    kind: z.literal('app'),
    provider: z.string(),
    model: z.string(),
    baseUrl: z.string().optional(),
    tools: z.array(z.string())
  })
])

const localRunSchema = z.object({
  runId: z.string().min(1),
  file: z.string(),
  agent: localAgentSchema,
  recordedAt: z.string()
})

const registrySchema = z.object({ version: z.literal(1), runs: z.array(localRunSchema) })

export type LocalAgent = z.infer<typeof localAgentSchema>
export type LocalRun = z.infer<typeof localRunSchema>

/** Entries kept; the oldest go first once there are more. */
const MAX_ENTRIES = 5000

export function localRunsFile(dataDir: string): string {
  return path.join(dataDir, 'local-runs.json')
}

async function readRegistry(dataDir: string): Promise<LocalRun[]> {
  let text: string
  try {
    text = await readFile(localRunsFile(dataDir), 'utf8')
  } catch {
    return []
  }
  try {
    const parsed = registrySchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data.runs : []
  } catch {
    return []
  }
}

/** Records (or replaces) the entry for a run id. */
export async function recordLocalRun(dataDir: string, run: LocalRun): Promise<void> {
  const runs = (await readRegistry(dataDir)).filter((entry) => entry.runId !== run.runId)
  runs.push(localRunSchema.parse(run))
  const kept = runs.slice(-MAX_ENTRIES)
  await writeFileAtomic(localRunsFile(dataDir), `${JSON.stringify({ version: 1, runs: kept }, null, 2)}\n`)
}

export async function findLocalRun(dataDir: string, runId: string): Promise<LocalRun | undefined> {
  return (await readRegistry(dataDir)).find((entry) => entry.runId === runId)
}

/** SHA-256 (hex) of a script's bytes: a script edited since the run started no longer matches its record. */
export async function scriptDigest(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
}
