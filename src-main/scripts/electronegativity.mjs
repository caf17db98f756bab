// `node src-main/scripts/electronegativity.mjs`: Doyensec's Electronegativity over the BUILT main
// process and preload (out/main, out/preload: plain JavaScript, so its old TypeScript parser copes).
// Every finding must be listed with its reason in src-main/electron/electronegativity-allow.json;
// an unexplained finding, or an allow-list entry that no longer matches anything, fails the check.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const allowList = JSON.parse(
  readFileSync(path.join(root, 'src-main', 'electron', 'electronegativity-allow.json'), 'utf8')
).accepted
const scanner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'electronegativity-scan.cjs')

if (!existsSync(path.join(root, 'out', 'main', 'index.js'))) {
  console.error('opentine: out/ is missing; run `npm run build` first.')
  process.exit(1)
}
// Its own view of Electron's defaults depends on the version; the one package.json pins.
const electronVersion = JSON.parse(
  readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')
).version
const result = spawnSync(process.execPath, [scanner, path.join(root, 'out'), electronVersion], {
  encoding: 'utf8',
  cwd: root,
  maxBuffer: 64 * 1024 * 1024
})
const line = (result.stdout ?? '').split('\n').find((text) => text.startsWith('FINDINGS '))
if (!line) {
  console.error(`opentine: electronegativity did not run:\n${result.stderr || result.stdout}`)
  process.exit(1)
}
const findings = JSON.parse(line.slice('FINDINGS '.length)).issues.map((issue) => ({
  ...issue,
  file: issue.file === 'N/A' ? '' : `out/${issue.file}`
}))

const allowed = (finding) =>
  allowList.find((entry) => entry.check === finding.check && (!entry.file || finding.file.startsWith(entry.file)))
const unexplained = findings.filter((finding) => !allowed(finding))
const stale = allowList.filter((entry) => !findings.some((finding) => allowed(finding) === entry))
for (const finding of unexplained)
  console.error(
    `opentine: electronegativity: ${finding.check} at ${finding.file}:${finding.line} (${finding.sample.trim().slice(0, 80)}) is neither fixed nor explained in the allow-list`
  )
for (const entry of stale)
  console.error(`opentine: electronegativity: allow-list entry ${entry.check} matches nothing any more; remove it`)
console.log(
  `opentine: electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} explained, ${unexplained.length} unexplained`
)
process.exit(unexplained.length === 0 && stale.length === 0 ? 0 : 1)
