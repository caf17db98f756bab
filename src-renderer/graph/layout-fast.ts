/**
 * A fast, deterministic layered layout for very large runs, where elk would take minutes.
 * Rows are depths (longest path from a root), so every parent sits above its children.
 * Columns are lanes, like `git log --graph`: a step continues its primary parent's lane,
 * a fork or a new root takes the lowest free lane. One step per (lane, row), so nothing overlaps.
 * O(n log n) in the number of steps.
 */
import { GAP_X, GAP_Y, NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { LayoutCoordinates, LayoutGraph } from './layout-types'

class MinHeap {
  private readonly items: number[] = []
  get size(): number {
    return this.items.length
  }
  push(value: number): void {
    const items = this.items
    items.push(value)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (items[parent] <= value) break
      items[i] = items[parent]
      i = parent
    }
    items[i] = value
  }
  pop(): number {
    const items = this.items
    const top = items[0]
    const last = items.pop() as number
    if (items.length > 0) {
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= items.length) break
        const right = left + 1
        const child = right < items.length && items[right] < items[left] ? right : left
        if (items[child] >= last) break
        items[i] = items[child]
        i = child
      }
      items[i] = last
    }
    return top
  }
}

/** Steps in an order where parents come first: graph order when it is already so, else Kahn's algorithm. */
export function topologicalOrder(graph: LayoutGraph): Int32Array {
  const count = graph.ids.length
  const order = new Int32Array(count)
  let sorted = true
  for (let i = 0; i < count && sorted; i++) {
    for (const parent of graph.parents[i]) if (parent >= i) sorted = false
  }
  if (sorted) {
    for (let i = 0; i < count; i++) order[i] = i
    return order
  }
  const pending = new Int32Array(count)
  const children: number[][] = Array.from({ length: count }, () => [])
  graph.parents.forEach((parents, child) => {
    for (const parent of parents) {
      if (parent === child) continue
      pending[child]++
      children[parent].push(child)
    }
  })
  const placed = new Uint8Array(count)
  let written = 0
  let scan = 0
  const queue = new MinHeap()
  for (let i = 0; i < count; i++) if (pending[i] === 0) queue.push(i)
  while (written < count) {
    if (queue.size === 0) {
      // A cycle (only in a malformed file): break it at the first unplaced step, in graph order.
      while (placed[scan]) scan++
      queue.push(scan)
      pending[scan] = 0
    }
    const node = queue.pop()
    if (placed[node]) continue
    placed[node] = 1
    order[written++] = node
    for (const child of children[node]) if (--pending[child] === 0 && !placed[child]) queue.push(child)
  }
  return order
}

export function fastLayout(graph: LayoutGraph): LayoutCoordinates {
  const count = graph.ids.length
  const order = topologicalOrder(graph)
  const rank = new Int32Array(count)
  order.forEach((node, position) => (rank[node] = position))

  const depth = new Int32Array(count)
  let maxDepth = 0
  for (const node of order) {
    let d = 0
    for (const parent of graph.parents[node])
      if (rank[parent] < rank[node] && depth[parent] + 1 > d) d = depth[parent] + 1
    depth[node] = d
    if (d > maxDepth) maxDepth = d
  }

  // The primary parent is the last listed one (opentine's display parent).
  const primaryParent = new Int32Array(count).fill(-1)
  const primaryChildren = new Int32Array(count)
  for (let node = 0; node < count; node++) {
    const parents = graph.parents[node]
    for (let k = parents.length - 1; k >= 0; k--) {
      if (rank[parents[k]] < rank[node]) {
        primaryParent[node] = parents[k]
        primaryChildren[parents[k]]++
        break
      }
    }
  }

  // Bucket by depth, keeping topological order inside a row.
  const rowStart = new Int32Array(maxDepth + 2)
  for (let node = 0; node < count; node++) rowStart[depth[node] + 1]++
  for (let d = 0; d <= maxDepth; d++) rowStart[d + 1] += rowStart[d]
  const rows = new Int32Array(count)
  const fill = rowStart.slice(0, maxDepth + 1)
  for (const node of order) rows[fill[depth[node]]++] = node

  const lane = new Int32Array(count)
  const laneLast: number[] = []
  const releaseAt: number[][] = Array.from({ length: maxDepth + 2 }, () => [])
  const free = new MinHeap()
  for (let d = 0; d <= maxDepth; d++) {
    for (const released of releaseAt[d]) free.push(released)
    for (let r = rowStart[d]; r < rowStart[d + 1]; r++) {
      const node = rows[r]
      const parent = primaryParent[node]
      let chosen: number
      if (parent >= 0 && laneLast[lane[parent]] === parent) chosen = lane[parent]
      else if (free.size > 0) chosen = free.pop()
      else chosen = laneLast.push(-1) - 1
      lane[node] = chosen
      laneLast[chosen] = node
      // A lane is held for the first primary child; it frees once its last step has none.
      if (primaryChildren[node] === 0) releaseAt[d + 1].push(chosen)
    }
  }

  const x = new Float64Array(count)
  const y = new Float64Array(count)
  for (let node = 0; node < count; node++) {
    x[node] = lane[node] * (NODE_WIDTH + GAP_X)
    y[node] = depth[node] * (NODE_HEIGHT + GAP_Y)
  }
  return { x, y }
}
