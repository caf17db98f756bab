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
      return { update: (data) => void hash.update(data), digestHex: () => hash.digest('hex') }
    }
  )
  installed = true
}

useNodeCrypto()
