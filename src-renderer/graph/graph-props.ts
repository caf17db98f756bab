/** React Flow settings shared by the run graph and both sides of the diff: a read-only view of recorded steps. */
export const READ_ONLY_GRAPH_PROPS = {
  // Only nodes on screen are mounted: this is what keeps a 100,000-step run responsive.
  onlyRenderVisibleElements: true,
  nodesDraggable: false,
  nodesConnectable: false,
  edgesFocusable: false,
  minZoom: 0.05,
  maxZoom: 2.5
} as const
