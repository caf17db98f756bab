/** list_files: the entries of a folder inside the scope, optionally recursive. */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Tool } from '../../../src-shared/agents/types'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { parseToolArgs, throwIfAborted } from './arguments'
import { MAX_LIST_DEPTH, MAX_LIST_ENTRIES, SKIPPED_FOLDERS, TOOL_TIMEOUT_MS } from './limits'
import { ToolError, type FolderScope } from './scope'

const argsSchema = z.strictObject({
  path: z.string().max(4096).optional(),
  recursive: z.boolean().optional()
})

export function listFilesTool(scope: FolderScope): Tool {
  return {
    name: 'list_files',
    description:
      'List files and folders inside the working folder. Paths are relative to it. ' +
      `Recursive listings skip ${[...SKIPPED_FOLDERS].join(' and ')} and stop after ${MAX_LIST_ENTRIES} entries.`,
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Folder to list, relative to the working folder (default ".")' },
        recursive: { type: 'boolean', description: 'Also list everything below (default false)' }
      },
      additionalProperties: false
    },
    sideEffects: false,
    timeoutMs: TOOL_TIMEOUT_MS,
    async run(args, context) {
      const { path: requested, recursive = false } = parseToolArgs(argsSchema, args, 'list_files')
      const folder = await scope.resolve(requested)
      if (!(await fs.stat(folder)).isDirectory())
        throw new ToolError(`"${scope.display(folder)}" is a file, not a folder`)
      const entries: JsonObject[] = []
      let truncated = false
      const walk = async (dir: string, depth: number): Promise<void> => {
        throwIfAborted(context.signal)
        const names = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0
        )
        for (const entry of names) {
          if (entries.length >= MAX_LIST_ENTRIES) {
            truncated = true
            return
          }
          const full = path.join(dir, entry.name)
          const shown = scope.display(full)
          // Symlinks are listed, never followed: following could leave the folder or loop.
          if (entry.isSymbolicLink()) entries.push(obj({ path: shown, type: 'symlink' }))
          else if (entry.isDirectory()) {
            entries.push(obj({ path: shown, type: 'dir' }))
            if (recursive && depth < MAX_LIST_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) await walk(full, depth + 1)
          } else if (entry.isFile()) {
            const size = (await fs.stat(full)).size
            entries.push(obj({ path: shown, type: 'file', size: BigInt(size) }))
          }
        }
      }
      await walk(folder, 0)
      return obj({ path: scope.display(folder), entries, truncated })
    }
  }
}
