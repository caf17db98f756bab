/** The disk side of the agent-core tests: temp folders, read-only folder tools, the oracle's verdict on a run. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Tool } from '../../src-shared/agents/types'
import type { Run } from '../../src-shared/run/run'
import { serializeRun } from '../../src-shared/run/save'
import { ORACLE } from './paths'

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A tool's JSON schema: one required string argument. */
function oneStringParameter(name: string): Tool['parameters'] {
  return { type: 'object', properties: { [name]: { type: 'string' } }, required: [name], additionalProperties: false }
}

/** Read-only folder tools like the example agent's: list, read, search. */
export function folderTools(root: string): Tool[] {
  const inside = (relative: string) => {
    const full = path.resolve(root, relative)
    if (!full.startsWith(path.resolve(root))) throw new Error(`path ${relative} is outside the folder`)
    return full
  }
  return [
    {
      name: 'list_files',
      description: 'List the files of a folder',
      parameters: oneStringParameter('path'),
      sideEffects: false,
      run: async (args) => readdirSync(inside(String(args.path))).sort()
    },
    {
      name: 'read_file',
      description: 'Read a text file',
      parameters: oneStringParameter('path'),
      sideEffects: false,
      run: async (args) => ({ content: readFileSync(inside(String(args.path)), 'utf8') })
    },
    {
      name: 'search_text',
      description: 'Find lines containing a word',
      parameters: oneStringParameter('query'),
      sideEffects: false,
      run: async (args) => {
        const matches: string[] = []
        for (const name of readdirSync(root).sort()) {
          readFileSync(path.join(root, name), 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (line.includes(String(args.query))) matches.push(`${name}:${index + 1}`)
            })
        }
        return { matches }
      }
    }
  ]
}

/** Writes the run as a .tine file and runs the Python oracle on it. */
export function oracleVerdict(run: Run, dir: string): { status: number; output: string; file: string } {
  const file = path.join(dir, `${run.id.slice(0, 16)}-${Math.random().toString(16).slice(2)}.tine`)
  writeFileSync(file, serializeRun(run))
  const result = spawnSync('python3', [ORACLE, file], { encoding: 'utf8' })
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}`, file }
}
