// `node src-main/scripts/make-icons.mjs`: draws the app icon (a step tree forking in two) and writes
// resources/icon.png (512 px, Linux and the source electron-builder converts), icon.ico (Windows)
// and icon.icns (macOS). ICO and ICNS both carry PNG images, which every supported OS reads.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const out = path.join(root, 'resources')

const NODES = [
  [0.5, 0.24],
  [0.5, 0.5],
  [0.3, 0.76],
  [0.7, 0.76]
]
const EDGES = [
  [0, 1],
  [1, 2],
  [1, 3]
]

function draw(size) {
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size
      const v = (y + 0.5) / size
      const i = (y * size + x) * 4
      if (!insideRoundedSquare(u, v, 0.06, 0.18)) continue
      let color = [22, 24, 29]
      if (EDGES.some(([a, b]) => segmentDistance(u, v, NODES[a], NODES[b]) < 0.028)) color = [120, 130, 150]
      if (NODES.some(([cx, cy]) => Math.hypot(u - cx, v - cy) < 0.085)) color = [79, 156, 249]
      if (Math.hypot(u - NODES[1][0], v - NODES[1][1]) < 0.085) color = [255, 176, 59]
      pixels.set([...color, 255], i)
    }
  }
  return png(size, pixels)
}

function insideRoundedSquare(u, v, margin, radius) {
  const dx = Math.max(margin + radius - u, 0, u - (1 - margin - radius))
  const dy = Math.max(margin + radius - v, 0, v - (1 - margin - radius))
  return u > margin && u < 1 - margin && v > margin && v < 1 - margin && Math.hypot(dx, dy) <= radius
}

function segmentDistance(u, v, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
  return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay)))
}

function png(size, rgba) {
  const rows = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(buffer) {
  let crc = 0xffffffff
  for (const byte of buffer) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, data }, index) => {
    const entry = 6 + 16 * index
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(data.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += data.length
  })
  return Buffer.concat([header, ...images.map((image) => image.data)])
}

function icns(entries) {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

const sizes = { 16: draw(16), 32: draw(32), 48: draw(48), 256: draw(256), 512: draw(512), 1024: draw(1024) }
writeFileSync(path.join(out, 'icon.png'), sizes[512])
writeFileSync(path.join(out, 'icon.ico'), ico([16, 32, 48, 256].map((size) => ({ size, data: sizes[size] }))))
writeFileSync(
  path.join(out, 'icon.icns'),
  icns([
    ['icp4', sizes[16]],
    ['icp5', sizes[32]],
    ['ic08', sizes[256]],
    ['ic09', sizes[512]],
    ['ic10', sizes[1024]]
  ])
)
console.log('opentine: wrote resources/icon.png, icon.ico and icon.icns')
