/** Plugs node:crypto's SHA-256 into the core; several times faster than the pure-JS default. */
import { createHash } from 'node:crypto'
import { useSha256 } from '../../src-shared/tine/hash'

let installed = false

export function useNodeCrypto(): void {
  if (installed) return
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
  installed = true
}

useNodeCrypto()
