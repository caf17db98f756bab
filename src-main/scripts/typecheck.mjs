// `npm run typecheck`: builds the four tsconfig projects (shared, node, web, tests), then checks the
// untrusted-input code (the format reader and the API contract) with noUncheckedIndexedAccess.
// That flag is per program, and src-shared/run and src-shared/api import each other, so the strict pass
// compiles all of src-shared and keeps only the diagnostics in the folders listed here.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const STRICT_INDEX_FOLDERS = ['src-shared/tine/', 'src-shared/api/']

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const tsc = path.join(root, 'node_modules', '.bin', 'tsc')
const run = (args) => spawnSync(tsc, args, { cwd: root, encoding: 'utf8' })

const build = run(['-b', '--pretty', 'false'])
process.stdout.write(build.stdout)
process.stderr.write(build.stderr)

// A diagnostic starts with "path(line,col): error"; its continuation lines are indented.
const strict = run(['-p', 'tsconfig.strict-index.json', '--pretty', 'false'])
const kept = []
let keeping = false
for (const line of strict.stdout.split('\n')) {
  if (/^\S/.test(line)) keeping = STRICT_INDEX_FOLDERS.some((folder) => line.startsWith(folder))
  if (keeping && line !== '') kept.push(line)
}
if (kept.length > 0) console.log(kept.join('\n'))
if (strict.status !== 0 && strict.stdout.trim() === '') process.stderr.write(strict.stderr)

const failed = build.status !== 0 || kept.length > 0 || (strict.status !== 0 && strict.stdout.trim() === '')
process.exit(failed ? 1 : 0)
