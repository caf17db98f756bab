// Every vitest file hashes with node:crypto, as the main side does (src-main/store/node-hash.ts): several times
// faster than the pure-JS default on big runs. The kit may import only src-shared, so it plugs node:crypto in
// itself; every digest a test checks against the Python oracle would fail if this plug were wrong. The
// renderer's pure-JS default is exercised by the e2e tests in a real browser.
import { createHash } from 'node:crypto'
import { useSha256 } from '../../tine/hash'

useSha256(
  (data) => createHash('sha256').update(data).digest('hex'),
  () => {
    const hash = createHash('sha256')
    // latin1 is byte-exact for the canonical form, which is pure ASCII, and skips a UTF-8 encode.
    return {
      update: (data) => void hash.update(data),
      updateAscii: (text) => void hash.update(text, 'latin1'),
      digestHex: () => hash.digest('hex')
    }
  }
)
