/** What the agent channels work with: the folders, the run manager, and where keys come from. */
import type { FolderRegistry } from '../folder-registry'
import type { AgentEnvironment } from './credentials'
import type { RunManager } from '../../agents/runner/run-manager'

export interface AgentContext {
  registry: FolderRegistry
  manager: RunManager
  environment: AgentEnvironment
  /** The user's data folder: the registry of runs this machine started lives there (TINE_HOME in tests). */
  dataDir: string
  /** Opens a path as the user would (a fork of a file opened on its own is opened the same way). */
  openPaths(paths: string[]): Promise<unknown>
}
