/** The built-in read-only tools of the example agent, scoped to one folder the user picked. */
import type { Tool } from '../../../src-shared/agents/types'
import { listFilesTool } from './list-files'
import { readFileTool } from './read-file'
import { FolderScope } from './scope'
import { searchTextTool } from './search-text'

export { FolderScope, ToolError } from './scope'

export const BUILTIN_TOOL_NAMES = ['list_files', 'read_file', 'search_text'] as const

export async function builtinTools(folder: string): Promise<Tool[]> {
  const scope = await FolderScope.open(folder)
  return [listFilesTool(scope), readFileTool(scope), searchTextTool(scope)]
}
