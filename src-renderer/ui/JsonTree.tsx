/** A JSON value as a collapsible tree. Every string is rendered as text, never as markup. */
import { useState } from 'react'
import { CopyButton } from './CopyButton'

const PAGE = 200

function summary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`
  if (value && typeof value === 'object') return `{${Object.keys(value).length}}`
  return ''
}

function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value))
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>
  if (typeof value === 'string')
    return (
      <span className="json-string">
        {JSON.stringify(value).length > 2000 ? <LongString text={value} /> : `"${value}"`}
      </span>
    )
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>
  return <span className="json-other">{String(value)}</span>
}

function LongString({ text }: { text: string }) {
  const [full, setFull] = useState(false)
  return (
    <>
      "{full ? text : `${text.slice(0, 2000)}…`}"
      <button type="button" className="link-button" onClick={() => setFull(!full)}>
        {full ? 'show less' : `show all ${text.length.toLocaleString('en-US')} characters`}
      </button>
    </>
  )
}

function Branch({ name, value, depth }: { name: string | null; value: object; depth: number }) {
  const [limit, setLimit] = useState(PAGE)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value)
  return (
    <details className="json-branch" open={depth < 2}>
      <summary>
        {name !== null && <span className="json-key">{name}: </span>}
        <span className="json-summary">{summary(value)}</span>
        <CopyButton value={jsonText(value)} label="copy" title="Copy this value as JSON" />
      </summary>
      <div className="json-children">
        {entries.slice(0, limit).map(([key, child]) => (
          <JsonNode key={key} name={key} value={child} depth={depth + 1} />
        ))}
        {entries.length > limit && (
          <button type="button" className="link-button" onClick={() => setLimit(limit + PAGE)}>
            show {Math.min(PAGE, entries.length - limit)} more of {entries.length - limit}
          </button>
        )}
      </div>
    </details>
  )
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  if (
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)
  ) {
    return <Branch name={name} value={value} depth={depth} />
  }
  return (
    <div className="json-leaf">
      {name !== null && <span className="json-key">{name}: </span>}
      {value !== null && typeof value === 'object' ? (
        <span className="json-summary">{Array.isArray(value) ? '[]' : '{}'}</span>
      ) : (
        <Scalar value={value} />
      )}
    </div>
  )
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree">
      <JsonNode name={null} value={value} depth={0} />
    </div>
  )
}

export function isEmptyJson(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}
