/** Runs the real `tine` bin in a scratch folder holding copies of fixture runs under .tine_runs/. */
import { execFile } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FIXTURES_DIR, ORACLE, REPO_ROOT } from '../../e2e/kit/paths'

export const BIN = path.join(REPO_ROOT, 'src-main/cli/bin.mjs')

export interface TineResult {
  code: number
  stdout: string
  stderr: string
}

export const FIXTURE = {
  goldenV2: 'golden/golden_v2.tine',
  goldenSigned: 'golden/golden_signed_v2.tine',
  goldenV1: 'golden/golden_v1.tine',
  goldenLinear: 'golden/golden_v0_linear.tine',
  compatSigned2: 'compat/v0_8_0/artifact_signed.tine',
  demoComplete: 'gui/.tine_runs/demo-complete.tine',
  demoRunning: 'gui/.tine_runs/demo-running.tine',
  demoPaused: 'gui/.tine_runs/demo-paused.tine',
  demoFailed: 'gui/.tine_runs/demo-failed.tine',
  guiFork: 'gui/.tine_runs/862afdc2511fb2e18a132b9b41e80700858cd3af4b273bfbd1e325cfa1ef4d9c.tine'
} as const

/** HMAC key of the compat fixtures (`hmac_compat` in conformance/keys.json). */
export const COMPAT_KEY = 'compat-golden-signing-key-000001'
export const GOLDEN_KEY = 'golden-tine-signing-key-01234567'

/** A temp folder with the given fixtures copied (writable) into .tine_runs/. */
export function workspace(fixtures: readonly string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tine-cli-'))
  mkdirSync(path.join(dir, '.tine_runs'))
  for (const fixture of fixtures) {
    const target = path.join(dir, '.tine_runs', path.basename(fixture))
    copyFileSync(path.join(FIXTURES_DIR, fixture), target)
    chmodSync(target, 0o644)
  }
  return dir
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

let scratchHome: string | undefined

/** The user data folder the CLI sees in tests (its registry of local runs), never the real one. */
export function testHome(): string {
  scratchHome ??= mkdtempSync(path.join(os.tmpdir(), 'tine-home-'))
  return scratchHome
}

export function tine(cwd: string, args: string[], env: Record<string, string> = {}): Promise<TineResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: { ...process.env, NO_COLOR: '1', TINE_DEBUG: '', TINE_HOME: testHome(), ...env },
        maxBuffer: 16 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

/** The independent Python checker: exit 0 when a file is OK. */
export function oracle(file: string, extra: string[] = []): Promise<TineResult> {
  return new Promise((resolve) => {
    execFile('python3', [ORACLE, ...extra, file], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

/**
 * Edits a file as JSON through Python, recomputing the integrity digest independently of our
 * core when `rehash` is set, so a test can reach the checks that come after the digest.
 */
export function pythonEdit(file: string, pythonStatements: string, rehash: boolean): Promise<void> {
  const script = [
    'import json, hashlib, sys',
    'p = sys.argv[1]',
    'd = json.load(open(p))',
    pythonStatements,
    rehash
      ? "d['metadata']['integrity']['digest'] = hashlib.sha256(json.dumps({k: v for k, v in d.items() if k != 'metadata'}, sort_keys=True, separators=(',', ':')).encode()).hexdigest()"
      : '',
    "open(p, 'w').write(json.dumps(d, indent=2, sort_keys=True))"
  ].join('\n')
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script, file], (error, _stdout, stderr) =>
      error ? reject(new Error(stderr)) : resolve()
    )
  })
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8')
}

export function writeText(file: string, text: string): void {
  writeFileSync(file, text)
}

/** No stack trace, no internal error: what a user error must look like. */
export function expectCleanError(result: TineResult): string[] {
  const lines = result.stderr.split('\n').filter(Boolean)
  for (const line of lines) {
    if (/^\s+at /.test(line) || /internal error/.test(line)) throw new Error(`not a clean user error: ${result.stderr}`)
  }
  return lines
}
