/**
 * search_text: a literal (not regex, so no pathological patterns) search through the text
 * files inside the scope, with caps on files, bytes and results.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Tool } from '../../../src-shared/agents/types'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { parseToolArgs, throwIfAborted } from './arguments'
import {
  DEFAULT_SEARCH_RESULTS,
  MAX_LIST_DEPTH,
  MAX_MATCH_LINE_CHARS,
  MAX_SEARCH_BYTES,
  MAX_SEARCH_FILE_BYTES,
  MAX_SEARCH_FILES,
  MAX_SEARCH_RESULTS,
  SKIPPED_FOLDERS,
  TOOL_TIMEOUT_MS
} from './limits'
import type { FolderScope } from './scope'
import { decodeText, splitLines } from './text-file'

const argsSchema = z.strictObject({
  query: z.string().min(1).max(500),
  path: z.string().max(4096).optional(),
  case_sensitive: z.boolean().optional(),
  max_results: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional()
})

export function searchTextTool(scope: FolderScope): Tool {
  return {
    name: 'search_text',
    description:
      'Search the text files inside the working folder for a literal string. Returns matching lines with ' +
      `their file and line number (at most ${MAX_SEARCH_RESULTS}). Binary files, files over ` +
      `${MAX_SEARCH_FILE_BYTES / (1024 * 1024)} MiB, symlinks and ${[...SKIPPED_FOLDERS].join('/')} are skipped.`,
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'The text to find (not a regular expression)' },
        path: { type: 'string', description: 'File or folder to search, relative to the working folder (default ".")' },
        case_sensitive: { type: 'boolean', description: 'Match case exactly (default false)' },
        max_results: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_SEARCH_RESULTS,
          description: `Default ${DEFAULT_SEARCH_RESULTS}`
        }
      },
      required: ['query'],
      additionalProperties: false
    },
    sideEffects: false,
    timeoutMs: TOOL_TIMEOUT_MS,
    async run(args, context) {
      const parsed = parseToolArgs(argsSchema, args, 'search_text')
      const caseSensitive = parsed.case_sensitive ?? false
      const maxResults = parsed.max_results ?? DEFAULT_SEARCH_RESULTS
      const needle = caseSensitive ? parsed.query : parsed.query.toLowerCase()
      const start = await scope.resolve(parsed.path)
      const matches: JsonObject[] = []
      let filesScanned = 0
      let bytesScanned = 0
      let truncated = false

      const searchFile = async (file: string): Promise<void> => {
        const { size } = await fs.stat(file)
        if (size > MAX_SEARCH_FILE_BYTES) return
        if (filesScanned >= MAX_SEARCH_FILES || bytesScanned + size > MAX_SEARCH_BYTES) {
          truncated = true
          return
        }
        filesScanned++
        bytesScanned += size
        const text = decodeText(await fs.readFile(file))
        if (text === undefined) return
        const lines = splitLines(text)
        for (let index = 0; index < lines.length; index++) {
          const line = lines[index]
          if (!(caseSensitive ? line : line.toLowerCase()).includes(needle)) continue
          if (matches.length >= maxResults) {
            truncated = true
            return
          }
          matches.push(
            obj({ path: scope.display(file), line: BigInt(index + 1), text: clip(line, needle, caseSensitive) })
          )
        }
      }
      const walk = async (dir: string, depth: number): Promise<void> => {
        const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0
        )
        for (const entry of entries) {
          throwIfAborted(context.signal)
          if (truncated) return
          const full = path.join(dir, entry.name)
          if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && depth < MAX_LIST_DEPTH)
            await walk(full, depth + 1)
          else if (entry.isFile()) await searchFile(full)
        }
      }

      if ((await fs.stat(start)).isDirectory()) await walk(start, 0)
      else await searchFile(start)
      return obj({
        query: parsed.query,
        matches,
        files_scanned: BigInt(filesScanned),
        truncated
      })
    }
  }
}

/** A long line is cut to a window around the first match. */
function clip(line: string, needle: string, caseSensitive: boolean): string {
  const trimmed = line.trim()
  if (trimmed.length <= MAX_MATCH_LINE_CHARS) return trimmed
  const at = (caseSensitive ? trimmed : trimmed.toLowerCase()).indexOf(needle)
  const from = Math.max(0, Math.min(at - 40, trimmed.length - MAX_MATCH_LINE_CHARS))
  return (
    (from > 0 ? '…' : '') +
    trimmed.slice(from, from + MAX_MATCH_LINE_CHARS) +
    (from + MAX_MATCH_LINE_CHARS < trimmed.length ? '…' : '')
  )
}
