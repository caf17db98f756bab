// `npm start` against a stand-in Electron that aborts like Chromium on Ubuntu 23.10+ (no usable
// sandbox, SIGTRAP): start.mjs must explain the fix for this install and serve browser mode.
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { ensureBuiltApp } from '../testing/built-app'

let dist: string
beforeAll(async () => {
  ensureBuiltApp()
  dist = await mkdtemp(path.join(os.tmpdir(), 'tine electron dist '))
  const binary = path.join(dist, 'electron')
  await writeFile(
    binary,
    [
      '#!/bin/sh',
      'echo "[4242:1201/120000.000000:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I\'m aborting now." >&2',
      'kill -TRAP $$',
      ''
    ].join('\n')
  )
  await chmod(binary, 0o755)
}, 300_000)
afterAll(async () => rm(dist, { recursive: true, force: true }))

it('explains the chrome-sandbox and AppArmor fixes, keeps the sandbox on, and serves browser mode', async () => {
  const runs = path.join(REPO_ROOT, 'resources', 'examples')
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'src-main', 'scripts', 'start.mjs'), runs, '--no-open'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      OPENTINE_SKIP_BUILD: '1',
      TINE_HOME: dist,
      NO_COLOR: '1'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no serving line:\n${stdout}\n${stderr}`)), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = /opentine: serving (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on('exit', () => reject(new Error(`start.mjs exited early:\n${stdout}\n${stderr}`)))
  })
  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id="root">')
  child.kill('SIGTERM')
  await new Promise((resolve) => child.on('exit', resolve))

  const helper = path.join(dist, 'chrome-sandbox')
  expect(stderr).toContain('The SUID sandbox helper binary was found, but is not configured correctly')
  expect(stderr).toContain(`sudo chown root:root '${helper}'`)
  expect(stderr).toContain(`sudo chmod 4755 '${helper}'`)
  expect(stderr).toContain(`profile opentine-electron "${path.join(dist, 'electron')}" flags=(unconfined)`)
  expect(stderr).toContain('sudo apparmor_parser -r /etc/apparmor.d/opentine-electron')
  expect(stderr).not.toMatch(/--no-sandbox|ELECTRON_DISABLE_SANDBOX/)
  expect(stdout).toContain('opentine: starting browser mode instead.')
}, 120_000)
