/**
 * Runs the independent Python oracle (shared/tools/tine_ref.py) and parses its report, so tests
 * compare our verdicts with a second implementation instead of with hard-coded answers.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ORACLE } from './paths'

export interface OracleFileReport {
  file: string
  ok: boolean
  /** The whole summary line plus its indented detail lines, for failure messages. */
  text: string
  shape: 'v1' | 'v2' | 'legacy'
  digestOk?: boolean
  /** First 12 hex chars of the digest the oracle computed. */
  digestPrefix?: string
  stepsOk?: number
  stepsTotal?: number
  stepsCallerAssigned?: number
  stepsMismatch?: number
  /** `act-id OK`, `legacy-id OK`, `explicit id (no derivation recorded)`, `act-id MISMATCH` or `-`. */
  fork?: string
  signature?: string
  /** v1 only: first 12 hex chars of the digest after migrating to v2. */
  migratedDigestPrefix?: string
  /** legacy only: the first 16 hex chars of each imported step id, in file order. */
  importedIdPrefixes?: string[]
  /** Set when the oracle refused the bytes while parsing, e.g. `artifact.nul-byte`. */
  refusedCode?: string
}

export interface OracleRun {
  status: number
  stdout: string
  stderr: string
  files: Map<string, OracleFileReport>
}

const SUMMARY = /^(OK|MISMATCH)\s+(.+?)\s{2}(.*)$/
const REFUSED = /^MISMATCH\s+(.+?): refused (?:while parsing \(([a-z0-9.-]+): .*\)|\(.*\))$/
const V2_LINE =
  /^v(\d+) digest=(OK|MISMATCH)\(([0-9a-f]{12}|-)\) steps=(\d+)\/(\d+) OK(?:, (\d+) caller-assigned)?(?:, (\d+) MISMATCH)? fork=(.*?) sig=(\S+)(?: v2-migrated-digest=([0-9a-f]{12}))?$/
const IMPORTED = /^\s+legacy id \S+ (?:OK|MISMATCH\(\S+\)) -> imported id ([0-9a-f]{16})\.\.\.$/

/** Checks the given `.tine` files in one Python process. */
export function runOracle(files: string[]): OracleRun {
  const result = spawnSync('python3', [ORACLE, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw new Error(`cannot run python3 ${ORACLE}: ${result.error.message}`)
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    files: parseOracleOutput(result.stdout)
  }
}

export function parseOracleOutput(stdout: string): Map<string, OracleFileReport> {
  const reports = new Map<string, OracleFileReport>()
  let current: OracleFileReport | undefined
  for (const line of stdout.split('\n')) {
    const refused = REFUSED.exec(line)
    if (refused) {
      current = {
        file: path.resolve(refused[1]),
        ok: false,
        text: line,
        shape: 'v2',
        refusedCode: refused[2] ?? 'artifact.not-an-object'
      }
      reports.set(current.file, current)
      continue
    }
    const summary = SUMMARY.exec(line)
    if (summary) {
      current = parseSummary(summary[1] === 'OK', path.resolve(summary[2]), summary[3], line)
      reports.set(current.file, current)
      continue
    }
    if (!current || !line.startsWith(' ')) continue
    current.text += '\n' + line
    const imported = IMPORTED.exec(line)
    if (imported) (current.importedIdPrefixes ??= []).push(imported[1])
  }
  return reports
}

function parseSummary(ok: boolean, file: string, rest: string, line: string): OracleFileReport {
  if (rest.startsWith('[legacy 0.1.0 linear]')) return { file, ok, text: line, shape: 'legacy', importedIdPrefixes: [] }
  const match = V2_LINE.exec(rest)
  if (!match) return { file, ok, text: line, shape: 'v2' }
  return {
    file,
    ok,
    text: line,
    shape: match[1] === '1' ? 'v1' : 'v2',
    digestOk: match[2] === 'OK',
    digestPrefix: match[3] === '-' ? undefined : match[3],
    stepsOk: Number(match[4]),
    stepsTotal: Number(match[5]),
    stepsCallerAssigned: Number(match[6] ?? 0),
    stepsMismatch: Number(match[7] ?? 0),
    fork: match[8],
    signature: match[9],
    migratedDigestPrefix: match[10]
  }
}

const CANON_HELPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python-canon.py')

/** What Python says about one value (see python-canon.py). */
export interface PythonCanon {
  canon: string
  sha256: string
  integrity: string
  pretty: string
}

/**
 * Sends values in the conformance vectors' tagged form to one Python process, which decodes
 * them with tine_ref.decode_tagged and answers with canon_v2, its SHA-256, the integrity digest
 * of a document holding the value, and json.dumps(indent=2, sort_keys=True).
 */
export function pythonCanon(taggedValues: unknown[]): PythonCanon[] {
  const result = spawnSync('python3', [CANON_HELPER, ORACLE], {
    input: JSON.stringify(taggedValues),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  if (result.error) throw new Error(`cannot run python3 ${CANON_HELPER}: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`python-canon.py failed (${result.status}): ${result.stderr.trim()}`)
  const answers = JSON.parse(result.stdout) as PythonCanon[]
  if (answers.length !== taggedValues.length)
    throw new Error(`python-canon.py answered ${answers.length} of ${taggedValues.length} values`)
  return answers
}
