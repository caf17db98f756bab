import { describe, expect, it } from 'vitest'
import { indexEntryForRun, searchText, unreadableEntry, type IndexEntry } from './index-entry'
import { matchesQuery, parseQuery, searchEntries, shellTokens } from './query'
import { Run } from './run'
import { TineError } from '../tine/errors'
import { obj } from '../tine/json-value'

function entry(fields: Partial<IndexEntry>): IndexEntry {
  return {
    file: 'f.tine',
    run_id: 'r',
    model: '',
    status: 'completed',
    steps: 0,
    cost: 0,
    created_at: 0,
    mtime: 0,
    format_version: 2,
    tags: [],
    text: '',
    unreadable: false,
    ...fields
  }
}

function refusal(text: string): string {
  try {
    parseQuery(text)
  } catch (error) {
    expect(error).toBeInstanceOf(TineError)
    expect((error as TineError).code).toBe('query.invalid')
    return (error as TineError).message
  }
  throw new Error(`expected ${text} to be refused`)
}

describe('query grammar (spec §18)', () => {
  it('splits like shlex', () => {
    expect(shellTokens(`a "b c" 'd e' f\\ g "h\\"i" ''`)).toEqual(['a', 'b c', 'd e', 'f g', 'h"i', ''])
    expect(shellTokens('  x   y ')).toEqual(['x', 'y'])
    expect(shellTokens(`pre"mid"'post'`)).toEqual(['premidpost'])
  })

  it('parses predicates case-insensitively and keeps everything else as lower-cased terms', () => {
    const query = parseQuery(
      `Tag:Research " tag:Vector-DB " MODEL:Sonnet status:COMPLETED cost:0.01..0.5 after:2026-01-01 before:2026/01/31 "Energy Use" http://x model:`
    )
    expect(query.tags).toEqual(['research'])
    expect(query.terms).toEqual([' tag:vector-db ', 'energy use', 'http://x', 'model:'])
    expect(query.models).toEqual(['sonnet'])
    expect(query.statuses).toEqual(['completed'])
    expect([query.costMin, query.costMax]).toEqual([0.01, 0.5])
    expect(query.after).toBe(Date.UTC(2026, 0, 1) / 1000)
    expect(query.before).toBe(Date.UTC(2026, 0, 31) / 1000)
    expect(parseQuery('after:2026-01-02T03:04:05').after).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000)
  })

  it('reads every cost form', () => {
    const bounds = (text: string) => {
      const query = parseQuery(text)
      return [query.costMin, query.costMax]
    }
    expect(bounds('cost:..2')).toEqual([null, 2])
    expect(bounds('cost:1.5..')).toEqual([1.5, null])
    expect(bounds('cost:>=0.1')).toEqual([0.1, null])
    expect(bounds('cost:>0.1')).toEqual([0.1, null])
    expect(bounds('cost:<=3')).toEqual([null, 3])
    expect(bounds('cost:<3')).toEqual([null, 3])
    expect(bounds('cost:0.25')).toEqual([0.25, null])
    expect(bounds('cost:1e-3..')).toEqual([0.001, null])
  })

  it('refuses malformed queries naming the bad token', () => {
    expect(refusal('foo "bar baz')).toMatch(/unclosed quote in "\\"bar baz"/)
    expect(refusal("it's")).toMatch(/unclosed quote/)
    expect(refusal('trailing\\')).toMatch(/backslash/)
    expect(refusal('cost:cheap')).toMatch(/bad cost in "cost:cheap"/)
    expect(refusal('cost:..')).toMatch(/bad cost in "cost:.."/)
    expect(refusal('cost:1..x')).toMatch(/"x" is not a number/)
    expect(refusal('cost:>=')).toMatch(/bad cost/)
    expect(refusal('after:yesterday')).toMatch(/bad date in "after:yesterday"/)
    expect(refusal('before:2026-02-30')).toMatch(/not a real date/)
    expect(refusal('after:2026-13-01')).toMatch(/not a real date/)
    expect(refusal('after:2026-01-01T25:00:00')).toMatch(/not a real date/)
  })

  it('matches entries on every predicate, inclusively, and never matches unreadable files', () => {
    const run = entry({
      model: 'claude-Sonnet-4-6',
      status: 'completed',
      tags: ['research', 'vector-db'],
      cost: 0.5,
      created_at: Date.UTC(2026, 0, 1) / 1000,
      text: 'compare vector databases energy'
    })
    const matches = (text: string) => matchesQuery(run, parseQuery(text))
    expect(matches('tag:research tag:VECTOR-DB')).toBe(true)
    expect(matches('tag:research tag:other')).toBe(false)
    expect(matches('model:sonnet')).toBe(true)
    expect(matches('model:opus')).toBe(false)
    expect(matches('status:Completed')).toBe(true)
    expect(matches('status:complete')).toBe(false)
    expect(matches('cost:0.5')).toBe(true)
    expect(matches('cost:<0.5')).toBe(true)
    expect(matches('cost:>0.51')).toBe(false)
    expect(matches('after:2026-01-01 before:2026-01-01')).toBe(true)
    expect(matches('after:2026-01-01T00:00:01')).toBe(false)
    expect(matches('Energy "vector data"')).toBe(true)
    expect(matches('energy water')).toBe(false)
    expect(matches('')).toBe(true)
    expect(matchesQuery(unreadableEntry('bad.tine', 1, 'not json'), parseQuery(''))).toBe(false)
  })

  it('searches newest first', () => {
    const entries = [
      entry({ run_id: 'old', created_at: 1 }),
      entry({ run_id: 'new', created_at: 3 }),
      unreadableEntry('x.tine', 9, 'broken'),
      entry({ run_id: 'mid', created_at: 2 })
    ]
    expect(searchEntries(entries, parseQuery('')).map((found) => found.run_id)).toEqual(['new', 'mid', 'old'])
  })
})

describe('index entries', () => {
  it('builds the entry and its redacted, lower-cased search text from the listed fields', () => {
    const run = new Run({
      id: 'Run-ABC',
      modelInfo: 'Claude-X',
      createdAt: 1700000000.5,
      status: 'completed',
      userPrompt: 'Find The Docs',
      systemPrompt: 'Be Brief'
    })
    run.tags = ['alpha', 'beta']
    run.addStep({
      kind: 'think',
      inputs: obj({ text: 'Use key sk-ant-api03-abcdefghijklmnopqrstuvwxyz' }),
      timestamp: 1,
      cost: 0.25
    })
    run.addStep({
      kind: 'tool',
      inputs: obj({ name: 'Web_Search', arguments: obj({ q: 'hidden argument' }) }),
      outputs: obj({ result: 'Three Results' }),
      timestamp: 2,
      cost: 0.5
    })
    run.addStep({ kind: 'model', inputs: obj({ text: 42n }), outputs: obj({ text: 'not indexed' }), timestamp: 3 })
    const indexed = indexEntryForRun(run, 'run.tine', 123.5, 2)
    expect(indexed).toEqual({
      file: 'run.tine',
      run_id: 'Run-ABC',
      model: 'Claude-X',
      status: 'completed',
      steps: 3,
      cost: 0.75,
      created_at: 1700000000.5,
      mtime: 123.5,
      format_version: 2,
      tags: ['alpha', 'beta'],
      unreadable: false,
      text: 'run-abc claude-x completed alpha beta find the docs be brief use key [redacted] web_search three results'
    })
  })

  it('caps the text at 8000 characters', () => {
    const run = new Run({ id: 'big' })
    for (let i = 0; i < 200; i++)
      run.addStep({ kind: 'think', inputs: obj({ text: `Chunk ${i} `.padEnd(100, 'x') }), timestamp: i })
    const text = searchText(run)
    expect(text).toHaveLength(8000)
    expect(text.startsWith('big running chunk 0')).toBe(true)
  })
})
