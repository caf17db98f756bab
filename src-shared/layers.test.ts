// The layer rules, checked on the real source tree, tests included: src-shared imports nothing outside
// src-shared and, where it ships, no Node and no Electron; the renderer never imports src-main; only
// src-main/electron/ talks to Electron; nothing that ships imports test support (testing/ folders, e2e/kit/).
// The test kit that needs Node (fixture paths, run files on disk, the Python oracle, the fake API) lives in
// e2e/kit/, outside every layer: it imports only src-shared and Node, and tests of every layer may use it, as
// may the testing/ folders of src-main and the renderer (they run only under Node). src-shared's testing/
// folders are pure and do not use it. Tests that join the renderer to the real main side live in e2e/in-process/.
// The scanner itself is first shown to catch violations in a scratch tree.
// ESLint states the same rules (no-restricted-imports in eslint.config.js) so an editor shows a violation
// as it is typed; the scanner stays because that rule does not see dynamic import() or require().
import { ESLint } from 'eslint'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, walkFiles } from '../e2e/kit/paths'

const SOURCE_SUFFIXES = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx']
const LAYERS = ['src-shared', 'src-main', 'src-renderer'] as const

// Static forms are anchored at a line start so prose in comments does not count.
const STATIC_FROM = /^[ \t]*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"\n]+)['"]/gm
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"\n]+)['"]/gm
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g

function importSpecifiers(source: string): string[] {
  const found: string[] = []
  for (const pattern of [STATIC_FROM, SIDE_EFFECT, DYNAMIC]) {
    for (const match of source.matchAll(pattern)) found.push(match[1])
  }
  return found
}

// This file's scratch trees hold violating imports as string literals.
const THIS_FILE = fileURLToPath(import.meta.url)

function sourceFiles(root: string, layer: string): string[] {
  return SOURCE_SUFFIXES.flatMap((suffix) => walkFiles(path.join(root, layer), suffix)).filter(
    (file) => !file.includes(`${path.sep}node_modules${path.sep}`) && path.resolve(file) !== THIS_FILE
  )
}

type Role = 'ships' | 'testing' | 'test'

/** The test kit: test-only, outside every layer. */
const KIT = 'e2e/kit'

function roleOf(relative: string): Role {
  if (/\.test\.tsx?$/.test(relative)) return 'test'
  return relative.split('/').includes('testing') ? 'testing' : 'ships'
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])
}

function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/')
}

function isTestSupport(specifier: string): boolean {
  return /(^|\/)testing\//.test(specifier)
}

/** Where a relative specifier lands, relative to the root with '/' separators, or null for packages. */
function targetPath(root: string, file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null
  return path
    .relative(root, path.resolve(path.dirname(file), specifier))
    .split(path.sep)
    .join('/')
}

/** Every import that breaks a layer rule, as "file: specifier (rule)". */
function layerViolations(root: string): string[] {
  const violations: string[] = []
  for (const layer of [...LAYERS, KIT]) {
    for (const file of sourceFiles(root, layer)) {
      const relative = path.relative(root, file).split(path.sep).join('/')
      const role = roleOf(relative)
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = targetPath(root, file, specifier)
        const targetLayer = target?.split('/')[0] ?? null
        const report = (rule: string) => violations.push(`${relative}: ${specifier} (${rule})`)
        if (
          isElectron(specifier) &&
          !(layer === 'src-main' && (role !== 'ships' || relative.startsWith('src-main/electron/')))
        )
          report("only src-main/electron/ may import 'electron'")
        if (layer === KIT) {
          if (target && !target.startsWith('src-shared/') && !target.startsWith(`${KIT}/`))
            report('the test kit imports only src-shared and itself')
          continue
        }
        const intoKit = target?.startsWith(`${KIT}/`) ?? false
        if (role === 'ships' && (isTestSupport(specifier) || intoKit))
          report('only tests and testing/ folders may import test support')
        // Tests may use the kit, and so may the testing/ folders of the layers that run under Node.
        else if (intoKit && role === 'testing' && layer === 'src-shared')
          report("src-shared's pure testing/ folders must not import the test kit")
        if (layer === 'src-main') continue
        if ((role === 'ships' || role === 'testing') && isNodeBuiltin(specifier))
          report(`${layer} must not use Node built-ins`)
        if (intoKit) continue
        if (layer === 'src-shared' && targetLayer !== null && targetLayer !== 'src-shared')
          report('src-shared must not import outside src-shared')
        if (layer === 'src-renderer' && targetLayer === 'e2e')
          report('src-renderer must not import e2e/ (tests may use e2e/kit/)')
        if (layer === 'src-renderer' && targetLayer === 'src-main') report('src-renderer must not import src-main')
      }
    }
  }
  return violations
}

const SCRATCH_TREE: Record<string, string> = {
  'src-shared/tine/pure.ts': "import { x } from './other'\nexport const y = x\n",
  'src-shared/tine/other.ts': 'export const x = 1\n',
  'src-shared/bad-node.ts': "import { readFileSync } from 'node:fs'\nimport path from 'path'\n",
  'src-shared/bad-main.ts': "import { loadRun } from '../src-main/store/run-file'\n",
  'src-shared/bad-renderer.ts': "export * from '../src-renderer/App'\n",
  'src-renderer/App.tsx':
    "import { ipcRenderer } from 'electron'\nconst m = await import('../src-main/store/run-file')\n",
  'src-main/store/run-file.ts': "import { app } from 'electron'\nimport { readFile } from 'node:fs/promises'\n",
  'src-main/electron/main.ts': "import { app, BrowserWindow } from 'electron'\nimport '../store/run-file'\n",
  'src-main/testing/stand-in.ts': "import { app } from 'electron'\nimport { readFile } from 'node:fs/promises'\n",
  'src-main/api/service.ts': "import { tempFolder } from '../testing/support'\n",
  'src-main/cli/main.ts': "import { REPO_ROOT } from '../../e2e/kit/paths'\n",
  'src-main/cli/diff.test.ts':
    "import { loadRun } from '../../e2e/kit/run-files'\nimport { tine } from '../testing/cli-harness'\n",
  'e2e/kit/kit.ts':
    "import { readFileSync } from 'node:fs'\nimport { loadRunFromBytes } from '../../src-shared/run/load'\nimport { app } from 'electron'\nimport { tempFolder } from '../../src-main/testing/support'\nimport { App } from '../../src-renderer/App'\n",
  'src-shared/testing/pure-fakes.ts': "import path from 'node:path'\nimport { walkFiles } from '../../e2e/kit/paths'\n",
  'src-shared/agents/testing/fakes.ts':
    "import { mkdtempSync } from 'node:fs'\nimport { ORACLE } from '../../../e2e/kit/paths'\nimport { runOracle } from '../../../src-main/testing/oracle'\n",
  'src-shared/run/load.test.ts':
    "import { readFileSync } from 'node:fs'\nimport { loadRun } from '../../e2e/kit/run-files'\nimport { writeRun } from '../../src-main/testing/run-files'\nimport { saveRun } from '../../src-main/store/run-file'\n",
  'src-shared/run/explore.test.ts': "import { startExplorer } from '../../e2e/support/explorer'\n",
  'src-renderer/testing/harness.tsx':
    "import { rmSync } from 'node:fs'\nimport { FakeApi } from '../../e2e/kit/fake-api'\nimport { openExamples } from '../../src-main/testing/actions-support'\nimport { createApiService } from '../../src-main/api/service'\n",
  'src-renderer/graph/layout.test.ts':
    "import path from 'node:path'\nimport { walkFiles } from '../../e2e/kit/paths'\nimport { tine } from '../../src-main/testing/cli-harness'\nimport { loadRun } from '../../src-main/store/run-file'\n",
  'src-renderer/store/store.ts':
    "import { FakeApi } from '../../e2e/kit/fake-api'\nimport { settle } from '../testing/harness'\n"
}

describe('the import scanner', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-layers-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true })
    writeFileSync(path.join(scratch, file), text)
  }

  it('finds static, multi-line, side-effect, type, re-export, dynamic and require imports', () => {
    const source = [
      "import a from './a'",
      'import {',
      '  b,',
      '  c as d',
      "} from '../b'",
      "import type { E } from 'e-package'",
      'export { f } from "./f"',
      "export * from './g'",
      "import './side-effect'",
      "const h = await import('./h')",
      "const i = require('node:fs')",
      ' * import fake from "./in-a-comment" is prose, not an import',
      "const text = 'from ./nothing'"
    ].join('\n')
    expect(importSpecifiers(source)).toEqual([
      './a',
      '../b',
      'e-package',
      './f',
      './g',
      './side-effect',
      './h',
      'node:fs'
    ])
  })

  it('reports each kind of violation in a scratch tree', () => {
    for (const [file, text] of Object.entries(SCRATCH_TREE)) write(file, text)
    expect(layerViolations(scratch).sort()).toEqual(
      [
        "src-main/store/run-file.ts: electron (only src-main/electron/ may import 'electron')",
        'src-main/api/service.ts: ../testing/support (only tests and testing/ folders may import test support)',
        'src-main/cli/main.ts: ../../e2e/kit/paths (only tests and testing/ folders may import test support)',
        'src-renderer/App.tsx: ../src-main/store/run-file (src-renderer must not import src-main)',
        "src-renderer/App.tsx: electron (only src-main/electron/ may import 'electron')",
        'src-renderer/graph/layout.test.ts: ../../src-main/store/run-file (src-renderer must not import src-main)',
        'src-renderer/graph/layout.test.ts: ../../src-main/testing/cli-harness (src-renderer must not import src-main)',
        'src-renderer/store/store.ts: ../../e2e/kit/fake-api (only tests and testing/ folders may import test support)',
        'src-renderer/store/store.ts: ../testing/harness (only tests and testing/ folders may import test support)',
        'src-renderer/testing/harness.tsx: ../../src-main/api/service (src-renderer must not import src-main)',
        'src-renderer/testing/harness.tsx: ../../src-main/testing/actions-support (src-renderer must not import src-main)',
        'src-renderer/testing/harness.tsx: node:fs (src-renderer must not use Node built-ins)',
        "src-shared/agents/testing/fakes.ts: ../../../e2e/kit/paths (src-shared's pure testing/ folders must not import the test kit)",
        'src-shared/agents/testing/fakes.ts: ../../../src-main/testing/oracle (src-shared must not import outside src-shared)',
        'src-shared/agents/testing/fakes.ts: node:fs (src-shared must not use Node built-ins)',
        'src-shared/bad-main.ts: ../src-main/store/run-file (src-shared must not import outside src-shared)',
        'src-shared/bad-node.ts: node:fs (src-shared must not use Node built-ins)',
        'src-shared/bad-node.ts: path (src-shared must not use Node built-ins)',
        'src-shared/bad-renderer.ts: ../src-renderer/App (src-shared must not import outside src-shared)',
        'src-shared/run/load.test.ts: ../../src-main/store/run-file (src-shared must not import outside src-shared)',
        'src-shared/run/load.test.ts: ../../src-main/testing/run-files (src-shared must not import outside src-shared)',
        'e2e/kit/kit.ts: ../../src-main/testing/support (the test kit imports only src-shared and itself)',
        'e2e/kit/kit.ts: ../../src-renderer/App (the test kit imports only src-shared and itself)',
        "e2e/kit/kit.ts: electron (only src-main/electron/ may import 'electron')",
        'src-shared/run/explore.test.ts: ../../e2e/support/explorer (src-shared must not import outside src-shared)',
        "src-shared/testing/pure-fakes.ts: ../../e2e/kit/paths (src-shared's pure testing/ folders must not import the test kit)",
        'src-shared/testing/pure-fakes.ts: node:path (src-shared must not use Node built-ins)'
      ].sort()
    )
  })
})

describe('the real source tree', () => {
  it('has source files and imports to check (the scan is not vacuous)', () => {
    const shared = sourceFiles(REPO_ROOT, 'src-shared')
    expect(shared.length).toBeGreaterThan(10)
    const imports = shared.flatMap((file) => importSpecifiers(readFileSync(file, 'utf8')))
    expect(imports.length).toBeGreaterThan(20)
  })

  it('keeps every layer rule', () => {
    expect(layerViolations(REPO_ROOT)).toEqual([])
  })
})

describe('the ESLint layer rule', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tine-layers-lint-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('flags the same static imports as the scanner, at the same places in the tree', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT })
    const flagged = new Set<string>()
    for (const [file, text] of Object.entries(SCRATCH_TREE)) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true })
      writeFileSync(path.join(scratch, file), text)
      // Linted as if the file sat in the repository, so the real config's folder rules apply.
      const [result] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, file) })
      for (const message of result?.messages ?? []) {
        if (message.ruleId === 'no-restricted-imports')
          flagged.add(`${file}: ${/^'([^']+)'/.exec(message.message)?.[1] ?? message.message}`)
      }
    }
    const scanned = new Set(layerViolations(scratch).map((violation) => violation.replace(/ \(.*\)$/, '')))
    // The one the rule cannot see: a dynamic import().
    expect(scanned.delete('src-renderer/App.tsx: ../src-main/store/run-file')).toBe(true)
    expect([...flagged].sort()).toEqual([...scanned].sort())
  }, 60_000)
})
