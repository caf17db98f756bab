import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as prettier from 'prettier'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../../e2e/kit/temp-folder'
import { performanceMarkdown, README_END, README_START, withPerformanceTables, writeReadmeTables } from './readme-table'
import type { ResultsFile } from './report'

const results: ResultsFile = {
  updatedAt: '2026-12-03T07:00:00.000Z',
  environment: {},
  sections: {
    'diff-cold': {
      measuredAt: '2026-12-03T07:00:00.000Z',
      loadAverage: 0.42,
      title: 'Cold diff of two 11 MiB runs',
      columns: [
        { key: 'case', label: 'runs' },
        { key: 'ms', label: 'cold diff ms', digits: 0 }
      ],
      rows: [{ case: '15,900 vs 15,901 | steps', ms: 812.4 }],
      notes: ['median of 3 cold diffs', 'machine: 2 cores, 1-minute load average 0.4'],
      goals: [{ id: 'diff-cold', ms: 812.4, baselineMs: 130.2, ratio: 6.24, verdict: 'met' }]
    }
  }
}

describe('the README performance tables', () => {
  it('lists every goal, measured or not, with its baseline, ratio, verdict and when it was measured', () => {
    const markdown = performanceMarkdown(results)
    expect(markdown).toContain(
      '| two cold 11 MiB runs to a side-by-side diff | <= 1,500 ms | 812 ms | read + JSON.parse of both in node: 130 ms | 6.24x | **met** | 2026-12-03, load average 0.4 |'
    )
    expect(markdown).toMatch(/\| load \+ verify of a 15,900-step run in the core \| <= 3x \| not measured \|/)
    // A section's own table, with its notes but not the load line (the heading says it).
    expect(markdown).toContain('### Cold diff of two 11 MiB runs')
    expect(markdown).toContain('| 15,900 vs 15,901 \\| steps | 812 |')
    expect(markdown).toContain('- median of 3 cold diffs')
    expect(markdown).not.toContain('- machine:')
  })

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# Title\n\nbefore\n${README_START}\nold table\n${README_END}\nafter\n`
    const updated = withPerformanceTables(readme, 'NEW')
    expect(updated).toBe(`# Title\n\nbefore\n${README_START}\n\nNEW\n\n${README_END}\nafter\n`)
    expect(withPerformanceTables(updated, 'NEWER')).toBe(
      `# Title\n\nbefore\n${README_START}\n\nNEWER\n\n${README_END}\nafter\n`
    )
    expect(() => withPerformanceTables('# no markers\n', 'NEW')).toThrow(/has no/)
  })

  it('writes a README that passes the format check', async () => {
    const folder = tempFolder('tine-readme-')
    const readme = path.join(folder, 'README.md')
    const resultsFile = path.join(folder, 'results.json')
    writeFileSync(readme, `# Title\n\n${README_START}\n${README_END}\n`)
    writeFileSync(resultsFile, JSON.stringify(results))
    await writeReadmeTables(readme, resultsFile)
    const written = readFileSync(readme, 'utf8')
    expect(written).toContain('### Cold diff of two 11 MiB runs')
    expect(await prettier.check(written, { filepath: readme })).toBe(true)
  })
})
