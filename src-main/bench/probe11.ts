import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LoadPool } from '../workers/load-pool'
import { FolderRegistry } from '../api/folder-registry'
const dir = mkdtempSync(path.join(os.tmpdir(), 'p11-'))
for (let k = 0; k < 3; k++) {
  const pool = new LoadPool({ workerEntry: path.resolve('out/main/load-worker.js') })
  pool.warm()
  await pool.run({ kind: 'entry', file: '/nonexistent.tine' } as any).catch(() => 0)
  let first = 0, last = 0, n = 0, busy = 0
  const t0 = performance.now()
  const wrapped = { run: async (r: any) => { if (r.kind === 'preview') { n++; if (!first) first = performance.now() - t0 } const s = performance.now(); const out = await pool.run(r); busy += performance.now() - s; if (r.kind === 'preview') last = performance.now() - t0; return out } } as any
  const reg = new FolderRegistry({ pool: wrapped, cacheDir: path.join(dir, 'c' + k), appVersion: 'x', emit: () => {}, log: () => {} })
  const c = process.cpuUsage()
  await reg.open('/tmp/probe-runs')
  const total = performance.now() - t0
  const cpu = process.cpuUsage(c)
  console.log({ total: total.toFixed(0), firstPreview: first.toFixed(0), lastPreview: last.toFixed(0), previews: n, cpuMs: ((cpu.user + cpu.system) / 1000).toFixed(0) })
  await reg.closeAll(); await pool.close()
}
process.exit(0)
