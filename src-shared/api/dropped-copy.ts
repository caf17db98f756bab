/** The read-only reason a dropped copy's view carries (the renderer then offers "Save into folder…"). */
export const DROPPED_COPY_REASON = 'a dropped copy, shown read-only: use "Save into folder…" to keep it and work on it'
