import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinTools, BUILTIN_TOOL_NAMES } from '.'
import { MAX_FILE_BYTES } from './limits'
import type { Tool } from '../../../src-shared/agents/types'
import { obj, toPlain, type JsonObject } from '../../../src-shared/tine/json-value'

let base: string
let root: string
let tools: Record<string, Tool>

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-tools-'))
  root = path.join(base, 'project')
  const outside = path.join(base, 'outside')
  await fs.mkdir(path.join(root, 'src/deep'), { recursive: true })
  await fs.mkdir(path.join(root, 'node_modules/pkg'), { recursive: true })
  await fs.mkdir(outside)
  await fs.writeFile(path.join(root, 'README.md'), '# Project\nThe Needle is here.\nlast line\n')
  await fs.writeFile(
    path.join(root, 'src/main.ts'),
    Array.from({ length: 30 }, (_, i) => `line ${i + 1}${i === 11 ? ' needle' : ''}`).join('\n')
  )
  await fs.writeFile(path.join(root, 'src/deep/notes.txt'), 'NEEDLE in caps\n')
  await fs.writeFile(path.join(root, 'node_modules/pkg/index.js'), 'needle in a dependency\n')
  await fs.writeFile(
    path.join(root, 'image.bin'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65])
  )
  await fs.writeFile(path.join(root, 'latin1.txt'), Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0xe9]))
  await fs.writeFile(path.join(outside, 'secret.txt'), 'needle outside the folder\n')
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'escape-file'))
  await fs.symlink(outside, path.join(root, 'escape-dir'))
  await fs.symlink(path.join(root, 'README.md'), path.join(root, 'inside-link'))
  tools = Object.fromEntries((await builtinTools(root)).map((tool) => [tool.name, tool]))
})

afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true })
})

async function call(name: string, args: Record<string, unknown>): Promise<any> {
  const result = await tools[name].run(obj(args as Record<string, never>) as JsonObject, {
    signal: new AbortController().signal
  })
  return toPlain(result)
}

async function refusal(name: string, args: Record<string, unknown>): Promise<string> {
  const error = await call(name, args).then(
    () => undefined,
    (caught: Error) => caught
  )
  expect(error, `${name} ${JSON.stringify(args)} should be refused`).toBeInstanceOf(Error)
  expect((error as Error).name).toBe('ToolError')
  return (error as Error).message
}

describe('built-in tools', () => {
  it('are the three read-only tools with JSON schemas', () => {
    expect(Object.keys(tools)).toEqual([...BUILTIN_TOOL_NAMES])
    for (const tool of Object.values(tools)) {
      expect(tool.sideEffects).toBe(false)
      expect(tool.parameters.type).toBe('object')
      expect(tool.timeoutMs).toBeGreaterThan(0)
    }
  })

  it('list_files lists a folder, recursively on request, without following symlinks or entering node_modules', async () => {
    const top = await call('list_files', {})
    expect(top.path).toBe('.')
    expect(top.entries.map((entry: any) => `${entry.type}:${entry.path}`)).toEqual([
      'file:README.md',
      'symlink:escape-dir',
      'symlink:escape-file',
      'file:image.bin',
      'symlink:inside-link',
      'file:latin1.txt',
      'dir:node_modules',
      'dir:src'
    ])
    expect(top.entries[0].size).toBe((await fs.stat(path.join(root, 'README.md'))).size)
    const all = await call('list_files', { recursive: true })
    const paths = all.entries.map((entry: any) => entry.path)
    expect(paths).toContain('src/deep/notes.txt')
    expect(paths).toContain('node_modules')
    expect(paths).not.toContain('node_modules/pkg')
    expect(paths.some((p: string) => p.includes('secret'))).toBe(false)
    expect(all.truncated).toBe(false)
    const sub = await call('list_files', { path: 'src/deep' })
    expect(sub.entries.map((entry: any) => entry.path)).toEqual(['src/deep/notes.txt'])
  })

  it('read_file returns a line range and says when more remains', async () => {
    const head = await call('read_file', { path: 'src/main.ts', max_lines: 5 })
    expect(head).toMatchObject({ path: 'src/main.ts', start_line: 1, end_line: 5, total_lines: 30, truncated: true })
    expect(head.content).toBe('line 1\nline 2\nline 3\nline 4\nline 5')
    const tail = await call('read_file', { path: './src/../src/main.ts', start_line: 29 })
    expect(tail).toMatchObject({ content: 'line 29\nline 30', end_line: 30, truncated: false })
    const viaLink = await call('read_file', { path: 'inside-link' })
    expect(viaLink.path).toBe('README.md')
    expect(viaLink.content).toContain('The Needle is here.')
  })

  it('refuses every path that leads outside the folder, however it is spelled', async () => {
    expect(await refusal('read_file', { path: '../outside/secret.txt' })).toMatch(/outside the folder/)
    expect(await refusal('read_file', { path: path.join(base, 'outside/secret.txt') })).toMatch(/outside the folder/)
    expect(await refusal('read_file', { path: 'escape-file' })).toMatch(/leads outside the folder/)
    expect(await refusal('read_file', { path: 'escape-dir/secret.txt' })).toMatch(/leads outside the folder/)
    expect(await refusal('list_files', { path: 'escape-dir' })).toMatch(/leads outside the folder/)
    expect(await refusal('list_files', { path: '..' })).toMatch(/outside the folder/)
    expect(await refusal('search_text', { query: 'needle', path: 'escape-dir' })).toMatch(/leads outside the folder/)
    expect(await refusal('read_file', { path: 'missing.txt' })).toMatch(/does not exist/)
    expect(await refusal('read_file', { path: 'a\0b' })).toMatch(/NUL/)
  })

  it('refuses binary files, oversize files and bad arguments', async () => {
    expect(await refusal('read_file', { path: 'image.bin' })).toMatch(/"image.bin" is a binary file/)
    expect(await refusal('read_file', { path: 'latin1.txt' })).toMatch(/binary file/)
    expect(await refusal('read_file', { path: 'src' })).toMatch(/not a file/)
    expect(await refusal('read_file', {})).toMatch(/bad arguments for read_file: "path"/)
    expect(await refusal('read_file', { path: 'README.md', max_lines: 0 })).toMatch(
      /bad arguments for read_file: "max_lines"/
    )
    expect(await refusal('list_files', { path: 'README.md' })).toMatch(/is a file, not a folder/)
    expect(await refusal('search_text', { query: 'x', regex: true })).toMatch(/bad arguments for search_text/)
    const big = path.join(root, 'big.txt')
    await fs.writeFile(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x61))
    try {
      expect(await refusal('read_file', { path: 'big.txt' })).toMatch(/over the \d+-byte limit/)
    } finally {
      await fs.rm(big)
    }
  })

  it('search_text finds literal text case-insensitively, skipping binaries, symlinks and node_modules', async () => {
    const found = await call('search_text', { query: 'needle' })
    expect(found.matches).toEqual([
      { path: 'README.md', line: 2, text: 'The Needle is here.' },
      { path: 'src/deep/notes.txt', line: 1, text: 'NEEDLE in caps' },
      { path: 'src/main.ts', line: 12, text: 'line 12 needle' }
    ])
    expect(found.truncated).toBe(false)
    const exact = await call('search_text', { query: 'NEEDLE', case_sensitive: true })
    expect(exact.matches.map((match: any) => match.path)).toEqual(['src/deep/notes.txt'])
    const capped = await call('search_text', { query: 'line', path: 'src', max_results: 3 })
    expect(capped.matches).toHaveLength(3)
    expect(capped.truncated).toBe(true)
    const regexChars = await call('search_text', { query: '(.*)+$' })
    expect(regexChars.matches).toEqual([])
  })

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(tools.search_text.run(obj({ query: 'needle' }), { signal: controller.signal })).rejects.toThrow(
      /cancelled/
    )
    await expect(builtinTools(path.join(base, 'nope'))).rejects.toThrow(/does not exist/)
  })
})
