// `npm run dist -- --linux dir -c.electronDist=FOLDER` against a stand-in Electron folder (a fake
// executable carrying Electron's fuse wire, so @electron/fuses can flip it), then what app.asar holds.
import { spawnSync } from 'node:child_process'
import { existsSync, promises as fs, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { ensureBuiltApp } from '../testing/built-app'

const require = createRequire(import.meta.url)
const asar = require('@electron/asar') as { listPackage(file: string): string[] }
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron 41's defaults, in @electron/fuses order: RunAsNode, CookieEncryption, NodeOptions, CliInspect,
// EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges, WasmTrapHandlers.
const DEFAULT_WIRE = '101100011'

let work: string
let result: ReturnType<typeof spawnSync>
beforeAll(async () => {
  ensureBuiltApp()
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-dist-'))
  const dist = path.join(work, 'electron-dist')
  await fs.mkdir(path.join(dist, 'resources'), { recursive: true })
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# stand-in Electron; fuse wire: ${FUSE_SENTINEL}`),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(`${DEFAULT_WIRE}\nexit 0\n`)
  ])
  await fs.writeFile(path.join(dist, 'electron'), script, { mode: 0o755 })
  await fs.writeFile(path.join(dist, 'LICENSE'), 'stand-in')
  await fs.writeFile(path.join(dist, 'version'), '41.7.1')
  result = spawnSync(
    'npm',
    [
      'run',
      'dist',
      '--',
      '--linux',
      'dir',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${path.join(work, 'release')}`
    ],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 400_000,
      env: { ...process.env, OPENTINE_SKIP_BUILD: '1', NO_COLOR: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
    }
  )
}, 420_000)
afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true })
})

it('packages against a local Electron folder: out/ in app.asar, renderer libraries not shipped again, tsx/esbuild unpacked, fuses off', () => {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0)
  const app = path.join(work, 'release', 'linux-unpacked')
  const resources = path.join(app, 'resources')
  const files = asar.listPackage(path.join(resources, 'app.asar'))
  for (const built of [
    '/out/main/index.js',
    '/out/main/runner-main.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html'
  ])
    expect(files).toContain(built)
  expect(files.some((file) => file.startsWith('/resources/examples/') && file.endsWith('.tine'))).toBe(true)
  // Vite bundled these into out/renderer; a second copy in node_modules would only add weight.
  for (const library of [
    'react',
    'react-dom',
    '@xyflow',
    'zustand',
    'elkjs',
    'markdown-it',
    'dompurify',
    'electron',
    'electron-builder',
    'vite',
    'typescript'
  ]) {
    expect(
      files.some((file) => file.startsWith(`/node_modules/${library}/`)),
      library
    ).toBe(false)
  }
  for (const needed of ['zod', 'chokidar', 'openai', '@anthropic-ai'])
    expect(
      files.some((file) => file.startsWith(`/node_modules/${needed}/`)),
      needed
    ).toBe(true)
  // Users' .ts agent scripts go through tsx, whose esbuild binary must run from a real file.
  const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules')
  expect(existsSync(path.join(unpacked, 'tsx', 'package.json'))).toBe(true)
  expect(existsSync(path.join(unpacked, '@esbuild', `${process.platform}-${process.arch}`, 'bin', 'esbuild'))).toBe(
    true
  )
  const packagedManifest = JSON.parse(
    readFileSync(path.join(unpacked, '..', '..', 'app.asar.unpacked', 'node_modules', 'tsx', 'package.json'), 'utf8')
  )
  expect(packagedManifest.name).toBe('tsx')
  // The executable is named for the app and its fuses were flipped: no RunAsNode, no NODE_OPTIONS, no file:// extras.
  const binary = readFileSync(path.join(app, 'opentine'))
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
  expect(binary.subarray(at + 2, at + 2 + DEFAULT_WIRE.length).toString()).toBe('010001001')
}, 60_000)
