// Whether the build's compiled CLI (out/cli/main.js) can run: the build records every source file
// it read with its mtime (out/cli/sources.json); a changed or missing one means the build is stale.
// Plain JavaScript, because it runs before any TypeScript loader.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The compiled entry's path under `root` when it is current, else null. */
export function currentCompiledEntry(root) {
  const entry = path.join(root, 'out', 'cli', 'main.js')
  let sources
  try {
    sources = Object.entries(
      JSON.parse(readFileSync(path.join(root, 'out', 'cli', 'sources.json'), 'utf8')).sources ?? {}
    )
    statSync(entry)
  } catch {
    return null
  }
  if (sources.length === 0) return null
  for (const [file, mtimeMs] of sources) {
    try {
      if (statSync(path.join(root, file)).mtimeMs !== mtimeMs) return null
    } catch {
      return null
    }
  }
  return entry
}
