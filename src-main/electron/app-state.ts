/**
 * What the app remembers between launches: recent folders and files, and the window's size and
 * position. Kept in userData/state.json, written atomically; a damaged file is ignored.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../store/atomic-write'

export const MAX_RECENT = 10

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000)
})

const stateSchema = z.object({
  recent: z.array(z.string().min(1).max(4096)).max(100).catch([]),
  bounds: boundsSchema.nullable().catch(null),
  maximized: z.boolean().catch(false)
})

export type WindowBounds = z.infer<typeof boundsSchema>
export type AppState = z.infer<typeof stateSchema>

export function emptyState(): AppState {
  return { recent: [], bounds: null, maximized: false }
}

export function stateFile(userDataDir: string): string {
  return path.join(userDataDir, 'state.json')
}

export async function loadAppState(file: string): Promise<AppState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')))
    return parsed.success ? { ...parsed.data, recent: parsed.data.recent.slice(0, MAX_RECENT) } : emptyState()
  } catch {
    return emptyState()
  }
}

export async function saveAppState(file: string, state: AppState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n')
}

/** Most recent first, no duplicates, capped. */
export function withRecent(state: AppState, paths: readonly string[]): AppState {
  const recent = [...paths].reverse()
  for (const existing of state.recent) if (!recent.includes(existing)) recent.push(existing)
  return { ...state, recent: recent.slice(0, MAX_RECENT) }
}
