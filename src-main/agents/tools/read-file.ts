/** read_file: a text file inside the scope, by line range, with size caps; binary refused. */
import { promises as fs } from 'node:fs'
import { z } from 'zod'
import type { Tool } from '../../../src-shared/agents/types'
import { obj } from '../../../src-shared/tine/json-value'
import { parseToolArgs, throwIfAborted } from './arguments'
import { MAX_FILE_BYTES, MAX_READ_CHARS, MAX_READ_LINES, TOOL_TIMEOUT_MS } from './limits'
import { ToolError, type FolderScope } from './scope'
import { requireText, splitLines } from './text-file'

const argsSchema = z.strictObject({
  path: z.string().min(1).max(4096),
  start_line: z.number().int().min(1).optional(),
  max_lines: z.number().int().min(1).max(MAX_READ_LINES).optional()
})

export function readFileTool(scope: FolderScope): Tool {
  return {
    name: 'read_file',
    description:
      'Read a text file inside the working folder. Returns up to max_lines lines from start_line ' +
      `(at most ${MAX_READ_LINES} lines or ${MAX_READ_CHARS / 1024} KiB); binary files are refused.`,
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the working folder' },
        start_line: { type: 'integer', minimum: 1, description: 'First line to return, 1-based (default 1)' },
        max_lines: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_READ_LINES,
          description: `Lines to return (default ${MAX_READ_LINES})`
        }
      },
      required: ['path'],
      additionalProperties: false
    },
    sideEffects: false,
    timeoutMs: TOOL_TIMEOUT_MS,
    async run(args, context) {
      const {
        path: requested,
        start_line: startLine = 1,
        max_lines: maxLines = MAX_READ_LINES
      } = parseToolArgs(argsSchema, args, 'read_file')
      const file = await scope.resolve(requested)
      const shown = scope.display(file)
      const stat = await fs.stat(file)
      if (!stat.isFile()) throw new ToolError(`"${shown}" is not a file`)
      if (stat.size > MAX_FILE_BYTES)
        throw new ToolError(`"${shown}" is ${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`)
      throwIfAborted(context.signal)
      const lines = splitLines(requireText(await fs.readFile(file), shown))
      const picked: string[] = []
      let chars = 0
      for (let index = startLine - 1; index < lines.length && picked.length < maxLines; index++) {
        chars += lines[index].length + 1
        if (chars > MAX_READ_CHARS && picked.length) break
        picked.push(lines[index].length > MAX_READ_CHARS ? lines[index].slice(0, MAX_READ_CHARS) : lines[index])
      }
      const endLine = startLine - 1 + picked.length
      return obj({
        path: shown,
        content: picked.join('\n'),
        start_line: BigInt(startLine),
        end_line: BigInt(endLine),
        total_lines: BigInt(lines.length),
        truncated: endLine < lines.length
      })
    }
  }
}
