/** Signing a run as `tine sign` does: a plain save, minus any old signature, plus a fresh tine-sig/2 block. */
import { isObject } from '../tine/json-value'
import { prettyJson } from '../tine/pretty'
import { signDocument, type SignOptions } from '../tine/signature'
import type { Run } from './run'
import { runToDocument } from './save'

/** The signed file text (opentine's on-disk spelling, no trailing newline). */
export function signRun(run: Run, options: SignOptions): string {
  const document = runToDocument(run)
  const metadata = document.metadata
  if (isObject(metadata) && isObject(metadata.integrity)) delete metadata.integrity.signature
  return prettyJson(signDocument(document, options))
}
