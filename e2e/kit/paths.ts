import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** shared/ sits beside the checkout, both here and in CI. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared')
export const FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures/opentine')
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'resources', 'examples')
export const ORACLE = path.join(SHARED_DIR, 'tools/tine_ref.py')

export function walkFiles(dir: string, suffix: string): string[] {
  const out: string[] = []
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...walkFiles(full, suffix))
    else if (name.endsWith(suffix)) out.push(full)
  }
  return out.sort()
}
