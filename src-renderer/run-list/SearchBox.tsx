/** The run search box: opentine's query grammar, with the reason shown when a query is malformed. */
import { forwardRef } from 'react'
import { selectQuery } from '../store/selectors'
import { tineStore, useTine } from '../store/store'

export const SearchBox = forwardRef<
  HTMLInputElement,
  { error: string | null; shown: number; total: number; onArrow: (delta: 1 | -1) => void; onEnter: () => void }
>(function SearchBox({ error, shown, total, onArrow, onEnter }, ref) {
  const query = useTine(selectQuery)
  return (
    <div className="search-box">
      <input
        ref={ref}
        type="search"
        data-testid="run-search"
        placeholder="Search runs   status:failed model:opus cost:>0.01 tag:bug after:2025-01-01"
        aria-label="Search runs"
        aria-invalid={error ? true : undefined}
        aria-describedby="run-search-help"
        spellCheck={false}
        value={query}
        onChange={(event) => tineStore.getState().setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            onArrow(event.key === 'ArrowDown' ? 1 : -1)
          } else if (event.key === 'Enter') {
            event.preventDefault()
            onEnter()
          } else if (event.key === 'Escape') {
            tineStore.getState().setQuery('')
          }
        }}
      />
      <div
        id="run-search-help"
        className={error ? 'search-error' : 'search-count'}
        data-testid={error ? 'run-search-error' : 'run-search-count'}
        role={error ? 'alert' : undefined}
      >
        {error
          ? `Query not understood: ${error}`
          : query.trim()
            ? `${shown} of ${total} runs match`
            : `${total} runs · press / to search`}
      </div>
    </div>
  )
})
