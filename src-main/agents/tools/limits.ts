/** Caps that keep one tool call cheap for the machine and for the model's context. */
export const MAX_LIST_ENTRIES = 1000
export const MAX_LIST_DEPTH = 20
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_READ_LINES = 2000
export const MAX_READ_CHARS = 256 * 1024
export const MAX_SEARCH_FILE_BYTES = 2 * 1024 * 1024
export const MAX_SEARCH_FILES = 5000
export const MAX_SEARCH_BYTES = 50 * 1024 * 1024
export const MAX_SEARCH_RESULTS = 200
export const DEFAULT_SEARCH_RESULTS = 50
export const MAX_MATCH_LINE_CHARS = 240
export const TOOL_TIMEOUT_MS = 15_000
/** Folders a recursive listing or a search does not descend into (still listed by name). */
export const SKIPPED_FOLDERS = new Set(['.git', 'node_modules'])
