/**
 * Runs an agent is executing right now. Pausing such a run must not rewrite its file under the
 * agent: the agent stops at its next step boundary and saves itself. The runner (issue 5)
 * registers each run it executes here; runs.setStatus asks this registry before touching a file.
 */
import { realpathSync } from 'node:fs'
import path from 'node:path'

export interface ActiveRunControl {
  /** Resolves once the agent stopped at a step boundary and saved the run as paused. */
  pause(): Promise<void>
  /** Resolves once the agent continues and the run is saved as running. */
  resume(): Promise<void>
}

function canonicalPath(file: string): string {
  const absolute = path.resolve(file)
  try {
    return realpathSync(absolute)
  } catch {
    return absolute // not written yet: the runner may register before its first save
  }
}

const active = new Map<string, ActiveRunControl>()

/** Registers the run being executed in `file`; returns the function that unregisters it. */
export function registerActiveRun(file: string, control: ActiveRunControl): () => void {
  const key = canonicalPath(file)
  active.set(key, control)
  return () => {
    if (active.get(key) === control) active.delete(key)
  }
}

/** The control of the run executing in `file` (a real path), if an agent is executing it. */
export function activeRunControl(realFile: string): ActiveRunControl | undefined {
  const direct = active.get(realFile)
  if (direct) return direct
  // A run registered before its file existed is keyed by its written path; look again now it exists.
  for (const [key, control] of active) {
    if (canonicalPath(key) === realFile) return control
  }
  return undefined
}
