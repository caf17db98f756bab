/** The open run's signature line: as loaded, or as the user's last "Verify signature…" found it. */
import type { RunView } from '../../src-shared/api/types'
import { useTine } from '../store/store'
import { signatureLine, type TrustLine } from './trust-text'

export function useSignatureLine(run: RunView | null): { line: TrustLine | null; checked: boolean } {
  const check = useTine((state) => state.signatureCheck)
  if (!run) return { line: null, checked: false }
  const result = check && check.file === run.file ? check.result : null
  return { line: signatureLine(run.trust, result), checked: result !== null }
}
