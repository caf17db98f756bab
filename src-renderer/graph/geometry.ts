/** Fixed node box: every node has the same size, so layout never waits for DOM measurement. */
export const NODE_WIDTH = 224
export const NODE_HEIGHT = 64
export const GAP_X = 40
export const GAP_Y = 44
