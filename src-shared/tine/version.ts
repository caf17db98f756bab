/** The tool name recorded in migration entries written by this implementation. */
export const TOOL_NAME = 'opentine-ts/0.1.0'
export const FORMAT_VERSION = 2n
