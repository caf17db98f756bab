/** Serving the built renderer: safe path resolution and content types. */
import { promises as fs } from 'node:fs'
import path from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export class BadPathError extends Error {}

/**
 * Maps a URL path to a file inside rendererDir, or null when there is none. Refuses encoded
 * traversal, NUL bytes, dot-segments and symlinks that lead outside the folder.
 */
export async function resolveStaticFile(rendererDir: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    throw new BadPathError('malformed path')
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new BadPathError('malformed path')
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment.startsWith('.'))) return null
  const relative = segments.length === 0 ? 'index.html' : segments.join('/')
  const root = await fs.realpath(rendererDir)
  const candidate = path.resolve(root, relative)
  if (!isInside(root, candidate)) return null
  try {
    const real = await fs.realpath(candidate)
    if (!isInside(root, real)) return null
    const stat = await fs.stat(real)
    return stat.isFile() ? real : null
  } catch {
    return null
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}
