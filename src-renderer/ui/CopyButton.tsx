/** Copies a value to the clipboard and says so for a moment. */
import { useEffect, useState } from 'react'

export function CopyButton({ value, label = 'Copy', title }: { value: string; label?: string; title?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 1200)
    return () => clearTimeout(timer)
  }, [state])
  return (
    <button
      type="button"
      className="copy-button"
      title={title ?? 'Copy to the clipboard'}
      onClick={(event) => {
        event.stopPropagation()
        if (!navigator.clipboard) setState('failed')
        else
          navigator.clipboard.writeText(value).then(
            () => setState('copied'),
            () => setState('failed')
          )
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  )
}
