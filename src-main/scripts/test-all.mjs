// `npm test`: the type-check, lint, format check, the build, unit tests (vitest), then the browser e2e suite (Playwright) when specs exist.
// Ends with one line "N passed, N failed", because CI reads that line and vitest prints none.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const reports = path.join(root, 'test-results', 'reports')
mkdirSync(reports, { recursive: true })
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const run = (cmd, args, extraEnv = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } }).status ?? 1

let passed = 0
let failed = 0

// opentine's real files and the Python oracle live in shared/ beside the checkout (e2e/kit/paths.ts).
const shared = path.resolve(root, '../shared')
if (!existsSync(path.join(shared, 'fixtures', 'opentine')))
  console.error(
    `opentine: ${shared}/fixtures/opentine is missing, so every test that reads opentine's files or its oracle will fail: clone this checkout beside shared/`
  )

// Type-check: one check, because electron-vite and vitest strip types without checking them.
if (run(process.execPath, [path.join(root, 'src-main/scripts/typecheck.mjs')]) === 0) passed += 1
else failed += 1

// Lint (ESLint, with the layer rules): one check.
if (run(bin('eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']) === 0) passed += 1
else failed += 1

// Formatting (Prettier): one check.
if (run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) === 0) passed += 1
else failed += 1

// The build comes before the unit tests: the CLI tests then run the compiled `tine` (without a build
// bin.mjs runs the sources through tsx, about twice as slow), and the e2e suite uses the same build.
const built = run(process.execPath, [path.join(root, 'src-main/scripts/build.mjs')]) === 0
if (built) passed += 1
else failed += 1

const vitestJson = path.join(reports, 'vitest.json')
const vitestStatus = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`
])
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  // A file that crashed before or around its tests (a failing beforeAll, an import error) counts as one failure.
  const crashedFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')
  ).length
  failed += crashedFiles
  if (vitestStatus !== 0 && failed === 0) failed = 1
} else if (vitestStatus !== 0) failed += 1

const e2eDir = path.join(root, 'e2e')
const hasSpecs = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'))
if (hasSpecs && process.env.SKIP_E2E !== '1' && built) {
  const pwJson = path.join(reports, 'playwright.json')
  const pwStatus = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats
    passed += stats.expected + (stats.flaky ?? 0)
    failed += stats.unexpected
    if (pwStatus !== 0 && stats.unexpected === 0) failed += 1
  } else if (pwStatus !== 0) failed += 1
}

// Electronegativity (Electron security lint) over the built app: one check, passed or failed.
// Every finding must be fixed or explained in src-main/electron/electronegativity-allow.json.
if (process.env.SKIP_ELECTRONEGATIVITY !== '1') {
  if (built && run(process.execPath, [path.join(root, 'src-main/scripts/electronegativity.mjs')]) === 0) passed += 1
  else failed += 1
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
